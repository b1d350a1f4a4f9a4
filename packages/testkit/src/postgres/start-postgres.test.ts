import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LoomworksError } from '@loomworks/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeWithPostgres } from './describe-with-postgres';
import { startPostgres } from './start-postgres';

const execFileAsync = promisify(execFile);

async function query(connectionString: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

async function rejection(action: Promise<unknown>): Promise<unknown> {
  return action.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error
  );
}

// Every case of this block needs the local binaries (the block's own server is a throwaway cluster too).
describeWithPostgres(
  'startPostgres with local binaries',
  (postgres) => {
    it('starts a throwaway cluster on 127.0.0.1 that accepts connections; stop() shuts it down and deletes its directory', async () => {
      const server = await startPostgres({ connectionString: null });
      let clusterDirectory = '';
      try {
        expect(new URL(server.connectionString).hostname).toBe('127.0.0.1');
        const [settings] = await query(
          server.connectionString,
          "SELECT current_setting('data_directory') AS data, current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync, current_setting('server_encoding') AS encoding"
        );
        expect(settings).toMatchObject({ listen: '127.0.0.1', fsync: 'off', encoding: 'UTF8' });
        clusterDirectory = dirname(String(settings?.data));
        expect(existsSync(clusterDirectory)).toBe(true);
      } finally {
        await server.stop();
      }
      expect(existsSync(clusterDirectory)).toBe(false);
      await expect(query(server.connectionString, 'SELECT 1')).rejects.toThrow();
      await server.stop();
    });

    it('uses LOOMWORKS_TEST_PG_URL when it is set, and leaves that server running on stop()', async () => {
      const previous = process.env.LOOMWORKS_TEST_PG_URL;
      process.env.LOOMWORKS_TEST_PG_URL = postgres.connectionString;
      try {
        const server = await startPostgres();
        expect(server.connectionString).toBe(postgres.connectionString);
        await server.stop();
        expect(await query(postgres.connectionString, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        if (previous === undefined) delete process.env.LOOMWORKS_TEST_PG_URL;
        else process.env.LOOMWORKS_TEST_PG_URL = previous;
      }
    });

    it('stops the cluster and deletes its directory when the process exits without calling stop()', async () => {
      const clusterModule = fileURLToPath(new URL('./local-cluster.ts', import.meta.url));
      const script = [
        `import { findPostgresBinaries, startLocalCluster } from ${JSON.stringify(clusterModule)};`,
        `import pg from 'pg';`,
        `const cluster = await startLocalCluster(findPostgresBinaries().binDir, 30000);`,
        `const client = new pg.Client(cluster.connectionString);`,
        `await client.connect();`,
        `const { rows } = await client.query("SELECT current_setting('data_directory') AS data");`,
        `await client.end();`,
        `console.log(JSON.stringify({ connectionString: cluster.connectionString, data: rows[0].data }));`,
      ].join('\n');
      const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
      const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repositoryRoot, timeout: 60_000 });
      const forgotten = JSON.parse(stdout.trim()) as { connectionString: string; data: string };
      expect(existsSync(dirname(forgotten.data))).toBe(false);
      await expect(query(forgotten.connectionString, 'SELECT 1')).rejects.toThrow();
    });
  },
  { connectionString: null }
);

describe('startPostgres when no server can be had', () => {
  it('rejects with E_POSTGRES_UNAVAILABLE naming a binary folder without the Postgres binaries', async () => {
    const error = await rejection(startPostgres({ connectionString: null, binDir: '/nonexistent/postgres/bin' }));
    expect(LoomworksError.is(error, 'E_POSTGRES_UNAVAILABLE')).toBe(true);
    expect((error as LoomworksError).message).toContain('/nonexistent/postgres/bin');
  });

  it('rejects with E_POSTGRES_UNAVAILABLE when the given server does not answer, without printing its password', async () => {
    const port = await closedPort();
    const error = await rejection(startPostgres({ connectionString: `postgres://loom:sup3rsecret@127.0.0.1:${port}/loom` }));
    expect(LoomworksError.is(error, 'E_POSTGRES_UNAVAILABLE')).toBe(true);
    expect((error as LoomworksError).message).toContain(`127.0.0.1:${port}`);
    expect(JSON.stringify({ message: (error as LoomworksError).message, hint: (error as LoomworksError).hint })).not.toContain('sup3rsecret');
    expect((error as LoomworksError).cause).toBeInstanceOf(Error);
  });
});
