// Starts the Operator web example: passkey sign-in (@loomworks/auth), the creation chat and the project list,
// with projects kept in a SQLite file. Run: npm run start -w examples/operator-web → http://localhost:5174
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createAuthHandlers, createPasskeyAuth } from '@loomworks/auth';
import { createGuidedCompanion, type Companion } from '@loomworks/core';
import { createSqliteStore } from '@loomworks/store-sqlite';
import { createOperatorWebApp } from './app';
import { createNodeListener } from './node-bridge';

export type StartOperatorWebOptions = {
  /** Default 5174; 0 picks a free port (tests). */
  port?: number;
  /** The SQLite file; created, with its folder, when missing. */
  db: string;
  /** Default: the offline guided Companion. Pass `createAnthropicCompanion()` (@loomworks/anthropic) for a live model. */
  companion?: Companion;
  /**
   * A pause after each streamed word, in ms. The guided Companion answers instantly, so by default (12 ms with it,
   * 0 with any other) its words are paced to show streaming the way a live model's arrive.
   */
  paceMs?: number;
};

export type StartOperatorWebResult = {
  /** `http://localhost:<port>`: WebAuthn needs a host name here, not an IP address. */
  url: string;
  close(): Promise<void>;
};

export const DEFAULT_PORT = 5174;

export async function startOperatorWeb(options: StartOperatorWebOptions): Promise<StartOperatorWebResult> {
  const companion = options.companion ?? createGuidedCompanion();
  const paceMs = options.paceMs ?? (options.companion ? 0 : 12);
  const store = createSqliteStore({ filename: options.db });

  // The origin names the port, and port 0 is only known after listening: the site is built once it is.
  let listener: RequestListener = (_incoming, outgoing) => void outgoing.writeHead(503).end();
  const server = createServer((incoming, outgoing) => listener(incoming, outgoing));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Loopback only. Browsers reach "localhost" on the IPv4 loopback when nothing answers on IPv6.
      server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const origin = `http://localhost:${port}`;

  // rpID and origins come from configuration only, never from a request (SPEC §9).
  const auth = createAuthHandlers(createPasskeyAuth({ rpID: 'localhost', rpName: 'Loomworks', origins: [origin], store }));
  const app = createOperatorWebApp({ origin, auth, store, companion, paceMs });
  listener = createNodeListener(app, { origin, maxBodyBytes: 256 * 1024 });

  let closing: Promise<void> | null = null;
  return {
    url: origin,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Open streams and idle keep-alive connections would otherwise hold close() until they time out.
          server.closeAllConnections();
        });
        await store.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, db: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Not a port number: ${values.port ?? process.env.PORT}`);
  const db = values.db ?? process.env.LOOMWORKS_DB ?? fileURLToPath(new URL('../data/operator-web.db', import.meta.url));
  const site = await startOperatorWeb({ port, db });
  console.log(`Loomworks Operator web example: ${site.url}/signup (projects stored in ${db})`);
  const stop = () => void site.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Started as a program (npm run start), not imported (tests call startOperatorWeb).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
