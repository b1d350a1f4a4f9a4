// The Operator web example in real Chromium (Debian's), driven by playwright-core. A CDP virtual authenticator
// stands in for the person's device, so every passkey ceremony is the real WebAuthn one end to end.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintPlainTerms } from '@loomworks/prompts';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOperatorWeb, type StartOperatorWebResult } from './server';

function findChromium(): string | null {
  const candidates = ['/usr/bin/chromium', ...(process.env.PATH ?? '').split(':').filter(Boolean).map((directory) => join(directory, 'chromium'))];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

const chromiumPath = findChromium();
const browserRequired = process.env.LOOMWORKS_REQUIRE_BROWSER === '1';
if (!chromiumPath && !browserRequired) {
  console.warn('operator-web browser tests skipped: no Chromium at /usr/bin/chromium or on PATH (apt-get install chromium; CI sets LOOMWORKS_REQUIRE_BROWSER=1 to fail instead)');
}

type Device = { cdp: CDPSession; authenticatorId: string };

const BAKERY_ANSWERS = [
  'A weekly email newsletter for the bakery: new bakes and opening hours.',
  'Crumb Notes',
  'Regulars who pop in before work.',
  'Warm, plain and a little cheeky.',
  '- Never mention prices\n- Keep it under 300 words',
  '- People mention it at the till\n- More pre-orders on Fridays',
  'none',
];

// Runs in the page (browser code is written as a string: this package type-checks without the DOM library).
// Records the length of the streaming reply at every change: a reply that arrived in one piece leaves one entry at most.
const RECORD_REPLY_LENGTHS = `(() => {
  const log = document.getElementById('chat-log');
  window.replyLengths = [];
  new MutationObserver(() => {
    const streaming = log.querySelector('[data-streaming] .text');
    if (streaming) window.replyLengths.push(streaming.textContent.length);
  }).observe(log, { subtree: true, childList: true, characterData: true });
})()`;

describe.skipIf(!chromiumPath && !browserRequired)('operator web in Chromium', () => {
  let browser: Browser;
  let site: StartOperatorWebResult;
  let dataDirectory: string;
  const contexts: BrowserContext[] = [];
  // Uncaught exceptions in the pages' scripts: a test that passes while a script throws has not shown much.
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('LOOMWORKS_REQUIRE_BROWSER=1, but there is no Chromium at /usr/bin/chromium or on PATH');
    dataDirectory = mkdtempSync(join(tmpdir(), 'operator-web-e2e-'));
    site = await startOperatorWeb({ port: 0, db: join(dataDirectory, 'operator-web.db') });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
  });

  /** A fresh browser profile (its own cookies) with one page and a passkey-capable virtual authenticator on it. */
  async function openPage(): Promise<{ page: Page; device: Device }> {
    const context = await browser.newContext({ baseURL: site.url });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    return { page, device: { cdp, authenticatorId } };
  }

  async function signUp(page: Page, displayName: string): Promise<string[]> {
    await page.goto('/signup');
    await page.getByLabel('Your name').fill(displayName);
    await page.getByRole('button', { name: 'Create account with a passkey' }).click();
    await page.locator('#recovery-codes').waitFor({ state: 'visible' });
    return page.locator('#recovery-code-list li').allTextContents();
  }

  async function signOut(page: Page): Promise<void> {
    await page.goto('/operator');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
  }

  const bodyText = (page: Page) => page.locator('body').innerText();
  const companionMessages = (page: Page) => page.locator('#chat-log .message.companion');

  /** Waits until the Companion has finished a reply beyond the first `count`, and returns its text. */
  async function nextReply(page: Page, count: number): Promise<string> {
    await expect.poll(() => companionMessages(page).count(), { timeout: 20_000 }).toBeGreaterThan(count);
    // The page marks a reply while it streams (set when the reply element is created, removed when the reply is done).
    await page.locator('#chat-log [data-streaming]').waitFor({ state: 'detached' });
    return (await companionMessages(page).nth(count).locator('.text').textContent()) ?? '';
  }

  async function say(page: Page, text: string): Promise<string> {
    const before = await companionMessages(page).count();
    await page.getByLabel('Your reply').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    return nextReply(page, before);
  }

  async function openChat(page: Page): Promise<string> {
    await page.getByRole('link', { name: 'Start a new project' }).click();
    await page.waitForURL('**/operator/create-engagement**');
    return nextReply(page, 0);
  }

  it('signs up, signs out, signs in with no email, creates a project in a streamed chat and lists it', async () => {
    const { page } = await openPage();
    const codes = await signUp(page, 'Robin Baker');
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await page.getByRole('link', { name: /go to my projects/ }).click();
    await expect.poll(() => page.locator('#display-name').textContent()).toBe('Robin Baker');

    await signOut(page);
    expect((await page.request.get('/auth/session')).status()).toBe(401);
    await expect.poll(() => page.getByLabel(/Email/).inputValue()).toBe('');
    const loginBegin = page.waitForRequest((request) => request.url().endsWith('/auth/login/begin'));
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const beginBody = (await loginBegin).postDataJSON() as Record<string, unknown>;
    expect(Object.hasOwn(beginBody, 'email')).toBe(false);
    await page.waitForURL('**/operator');
    expect(await page.locator('#display-name').textContent()).toBe('Robin Baker');

    const opening = await openChat(page);
    expect(opening).toContain('What are we making?');
    for (const answer of BAKERY_ANSWERS) await say(page, answer);

    await page.evaluate(RECORD_REPLY_LENGTHS);
    const recap = await say(page, "That's everything.");
    expect(recap).toContain('“Crumb Notes”');
    const lengths = (await page.evaluate('window.replyLengths')) as number[];
    const partial = new Set(lengths.filter((length) => length > 0 && length < recap.length));
    expect(partial.size).toBeGreaterThanOrEqual(2);

    const closing = await say(page, 'Ready to begin.');
    expect(closing).toContain('Crumb Notes');
    await page.getByRole('link', { name: 'See it in your projects' }).click();
    await page.waitForURL('**/operator');
    const row = page.locator('#projects tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.project-name').textContent()).toBe('Crumb Notes');
    expect(await row.locator('.project-status').getAttribute('data-status')).toBe('active');
    expect(await row.locator('.project-status').textContent()).toBe('Active');
    expect(lintPlainTerms(await bodyText(page))).toEqual([]);
  });

  it('refuses a sign-in whose passkey signature does not verify, and the person stays signed out', async () => {
    const { page, device } = await openPage();
    await signUp(page, 'Sam Bogus');
    await signOut(page);

    await device.cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId: device.authenticatorId, isBogusSignature: true });
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const message = page.locator('#message');
    await message.waitFor({ state: 'visible' });
    const refusal = (await message.textContent()) ?? '';
    expect(refusal).toContain('you are still signed out');
    expect(lintPlainTerms(refusal)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect((await page.request.get('/auth/session')).status()).toBe(401);
    await page.goto('/operator');
    expect(new URL(page.url()).pathname).toBe('/signin');

    // The same passkey with honest signatures gets in: the refusal was about the signature, nothing else.
    await device.cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId: device.authenticatorId, isBogusSignature: false });
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL('**/operator');
    expect((await page.request.get('/auth/session')).status()).toBe(200);
  });

  it('shows markup typed into the chat as text, live and after a reload', async () => {
    const { page } = await openPage();
    await signUp(page, 'Mallory');
    await page.goto('/operator');
    await openChat(page);
    const payload = '<script>window.__pwned = 1</script><b>bold</b>';
    const reply = await say(page, payload);
    expect(reply).toContain('<script>window.__pwned = 1</script>');

    const expectShownAsText = async () => {
      expect(await page.locator('#chat-log .message.operator .text').last().textContent()).toBe(payload);
      expect(await page.locator('#chat-log b').count()).toBe(0);
      expect(await page.locator('#chat-log script').count()).toBe(0);
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(await bodyText(page)).toContain(payload);
    };
    await expectShownAsText();
    // The address names the conversation; reloading shows it again from the server's copy.
    expect(new URL(page.url()).searchParams.get('session')).toBeTruthy();
    await page.reload();
    await expect.poll(() => page.locator('#chat-log .message').count()).toBe(3);
    await expectShownAsText();
  });

  it('uses plain words on every page', async () => {
    const { page } = await openPage();
    const findings: Record<string, unknown[]> = {};
    const lint = async (name: string) => {
      findings[name] = lintPlainTerms(await bodyText(page));
    };

    await page.goto('/signup');
    await lint('sign up');
    await signUp(page, 'Pat Plain');
    await lint('recovery codes');
    await page.goto('/operator');
    await lint('projects');
    await openChat(page);
    await lint('new project chat');
    await signOut(page);
    await lint('sign in');
    await page.goto('/recover');
    await lint('recovery');
    await page.goto('/no-such-page');
    await lint('not found');

    expect(findings).toEqual({
      'sign up': [],
      'recovery codes': [],
      projects: [],
      'new project chat': [],
      'sign in': [],
      recovery: [],
      'not found': [],
    });
  });
});
