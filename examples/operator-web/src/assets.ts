// Static files: the pages' scripts and styles from ../public, and @simplewebauthn/browser's UMD bundle from
// node_modules at a fixed path. Only files listed here at startup are served, so no URL can reach anything else.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Asset = { body: Uint8Array; contentType: string };

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The URL the pages load the WebAuthn browser helpers from (a classic script that sets `window.SimpleWebAuthnBrowser`). */
export const WEBAUTHN_BROWSER_PATH = '/vendor/simplewebauthn-browser.js';

function webAuthnBrowserBundle(): string {
  // The package's exports map only names its entry points; its root is two levels above the CommonJS entry.
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  return join(dirname(entry), '..', 'dist', 'bundle', 'index.umd.min.js');
}

/** Reads every asset once; the map's keys are the only paths served. */
export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const publicDirectory = fileURLToPath(new URL('../public/', import.meta.url));
  for (const name of readdirSync(publicDirectory)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) assets.set(`/assets/${name}`, { body: readFileSync(join(publicDirectory, name)), contentType });
  }
  assets.set(WEBAUTHN_BROWSER_PATH, { body: readFileSync(webAuthnBrowserBundle()), contentType: CONTENT_TYPES['.js']! });
  return assets;
}

export function assetResponse(asset: Asset): Response {
  return new Response(asset.body, {
    headers: { 'content-type': asset.contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  });
}
