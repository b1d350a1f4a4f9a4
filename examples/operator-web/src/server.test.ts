import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOperatorWeb, type StartOperatorWebResult } from './server';

describe('the Operator web server, without a browser', () => {
  let site: StartOperatorWebResult;
  let dataDirectory: string;

  beforeAll(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'operator-web-'));
    site = await startOperatorWeb({ port: 0, db: join(dataDirectory, 'operator-web.db') });
  });

  afterAll(async () => {
    await site?.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('serves on a localhost URL (WebAuthn refuses IP addresses as the site name)', () => {
    expect(site.url).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('sends visitors who are not signed in from the project pages to /signin, and refuses the chat API', async () => {
    for (const path of ['/operator', '/operator/create-engagement', '/']) {
      const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(path === '/' ? '/operator' : '/signin');
    }
    const chat = await fetch(`${site.url}/operator/chat`, { method: 'POST', headers: { origin: site.url }, body: '{}' });
    expect(chat.status).toBe(401);
  });

  it('refuses state-changing requests from another origin', async () => {
    const response = await fetch(`${site.url}/auth/login/begin`, { method: 'POST', headers: { origin: 'http://evil.example' }, body: '{}' });
    expect(response.status).toBe(403);
    const allowed = await fetch(`${site.url}/auth/login/begin`, { method: 'POST', headers: { origin: site.url, 'content-type': 'application/json' }, body: '{}' });
    expect(allowed.status).toBe(200);
  });

  it('refuses an oversized body before any handler reads it', async () => {
    const response = await fetch(`${site.url}/auth/login/begin`, { method: 'POST', headers: { origin: site.url }, body: 'x'.repeat(300 * 1024) });
    expect(response.status).toBe(413);
  });

  it('labels email optional on both forms and serves pages under a script policy that blocks inline script', async () => {
    for (const path of ['/signup', '/signin']) {
      const response = await fetch(`${site.url}${path}`);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toMatch(/<label for="email">Email <span class="optional">\(optional\)<\/span><\/label>/);
    }
  });

  it('serves the WebAuthn browser helpers at their fixed path', async () => {
    const response = await fetch(`${site.url}/vendor/simplewebauthn-browser.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toContain('SimpleWebAuthnBrowser');
  });
});
