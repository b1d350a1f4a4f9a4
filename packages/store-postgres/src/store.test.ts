import { createServer } from 'node:net';
import { LoomworksError, type EngagementRecord, type MemoryEvent, type StoreOperations } from '@loomworks/core';
import { defineStoreConformanceSuite, describeWithPostgres, type PostgresForTests } from '@loomworks/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '.';

const EPOCH = Date.UTC(2026, 0, 1);
const at = (seconds: number) => new Date(EPOCH + seconds * 1000).toISOString();

function engagement(id: string, overrides: Partial<EngagementRecord> = {}): EngagementRecord {
  return {
    id,
    operatorId: 'operator-1',
    name: `Project ${id}`,
    nameKey: `project ${id}`,
    status: 'candidate',
    inductionStatus: null,
    seedVersion: null,
    sessionId: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

/** Events shaped like core's (stores do not check hashes, so placeholders do). */
function events(engagementId: string, fromSeq: number, count: number, idPrefix: string): MemoryEvent[] {
  return Array.from({ length: count }, (_, offset) => ({
    id: `${idPrefix}-${fromSeq + offset}`,
    engagementId,
    seq: fromSeq + offset,
    type: 'assertion_committed',
    actor: { kind: 'person' as const, id: 'operator-1' },
    at: at(fromSeq + offset),
    payload: { writer: idPrefix },
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  }));
}

async function rejection(action: Promise<unknown>): Promise<LoomworksError> {
  const outcome = await action.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error })
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!LoomworksError.is(outcome.error)) throw new Error('expected a LoomworksError', { cause: outcome.error });
  return outcome.error;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

/** A promise and the function that resolves it: a gate a test opens when it is ready. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

let names = 0;
/** An application_name no other connection of this run carries. */
function uniqueName(prefix: string): string {
  names += 1;
  return `loomworks_${prefix}_${process.pid}_${names}`;
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithPostgres('createPostgresStore', (postgres: PostgresForTests) => {
  defineStoreConformanceSuite({
    name: 'postgres',
    create: async () => {
      const store = createPostgresStore({ connectionString: postgres.connectionString, schema: postgres.newSchemaName() });
      await store.ready();
      return store;
    },
  });

  describe('on a real server', () => {
    let admin: pg.Pool;
    const stores: PostgresStore[] = [];
    /** Connection strings naming their connections, so a test watches its own connections only (the server may be shared). */
    const named = (applicationName: string) => {
      const url = new URL(postgres.connectionString);
      url.searchParams.set('application_name', applicationName);
      return url.toString();
    };
    const open = async (options: { schema?: string; poolSize?: number; applicationName?: string } = {}) => {
      const store = createPostgresStore({
        connectionString: options.applicationName === undefined ? postgres.connectionString : named(options.applicationName),
        schema: options.schema ?? postgres.newSchemaName(),
        ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      });
      stores.push(store);
      await store.ready();
      return store;
    };
    /** Whether one of the named connections is blocked waiting for a row or key lock: proof that a race reached the server. */
    const waitsOnALock = (applicationName: string) => async () =>
      (
        await admin.query<{ waiting: number }>(
          "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
          [applicationName]
        )
      ).rows[0]?.waiting !== 0;

    beforeAll(() => {
      admin = new pg.Pool({ connectionString: postgres.connectionString, max: 2 });
    });
    afterAll(async () => {
      await Promise.all(stores.map((store) => store.close()));
      await admin?.end();
    });

    it('leaves a pool it was given open on close(), and ends the pool it made itself', async () => {
      const given = new pg.Pool({ connectionString: postgres.connectionString, max: 2 });
      try {
        const borrowing = createPostgresStore({ pool: given, schema: postgres.newSchemaName() });
        await borrowing.insertEngagement(engagement('eng-1'));
        await borrowing.close();
        expect(given.ended).toBe(false);
        expect((await given.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await given.end();
      }

      const applicationName = uniqueName('closing');
      const owning = createPostgresStore({ connectionString: named(applicationName), schema: postgres.newSchemaName(), poolSize: 3 });
      await owning.insertEngagement(engagement('eng-1'));
      await Promise.all([owning.getEngagement('eng-1'), owning.getEngagement('eng-1'), owning.getEngagement('eng-1')]);
      const connections = async () =>
        (await admin.query<{ count: number }>('SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rows[0]
          ?.count ?? 0;
      expect(await connections()).toBeGreaterThan(0);
      await owning.close();
      await eventually(async () => (await connections()) === 0, "the store's connections are gone");
    });

    it('lets the first of two transactions appending the same seq commit, and fails the other with E_CONFLICT', async () => {
      const schema = postgres.newSchemaName();
      const racer = uniqueName('racer');
      // Two store instances, as two processes would have.
      const [first, second] = [await open({ schema }), await open({ schema, applicationName: racer })] as [PostgresStore, PostgresStore];
      await first.insertEngagement(engagement('eng-1'));
      const firstWritten = gate();
      const release = gate();
      const winner = first.transaction(async (tx) => {
        await tx.appendEvents(events('eng-1', 1, 2, 'winner'));
        firstWritten.open();
        await release.opened;
      });
      await firstWritten.opened;
      const loser = second.transaction(async (tx) => {
        await tx.insertEngagement(engagement('eng-loser'));
        await tx.appendEvents(events('eng-1', 1, 1, 'loser'));
      });
      try {
        // The loser's insert is blocked by the winner's uncommitted seq 1 before the winner commits.
        await eventually(waitsOnALock(racer), 'the second append waits for the first');
      } finally {
        release.open();
      }
      await winner;
      const error = await rejection(loser);
      expect(error.code).toBe('E_CONFLICT');
      expect((error.cause as { code?: string }).code).toBe('23505');
      expect((await second.listEvents('eng-1')).map((event) => event.id)).toEqual(['winner-1', 'winner-2']);
      expect(await second.getEngagement('eng-loser')).toBeNull();
    });

    it("keeps a person's last passkey when two transactions delete their two passkeys at once", async () => {
      const schema = postgres.newSchemaName();
      const racer = uniqueName('racer');
      const [first, second] = [await open({ schema }), await open({ schema, applicationName: racer })] as [PostgresStore, PostgresStore];
      await first.insertPerson({ id: 'person-1', displayName: 'Ada', email: null, userHandle: 'handle-1', createdAt: at(0) });
      for (const id of ['cred-1', 'cred-2']) {
        await first.insertCredential({
          id,
          personId: 'person-1',
          publicKey: `key-${id}`,
          counter: 0,
          transports: ['internal'],
          deviceType: 'multiDevice',
          backedUp: true,
          createdAt: at(0),
          lastUsedAt: null,
        });
      }
      const firstDeleted = gate();
      const release = gate();
      const deleting = first.transaction(async (tx) => {
        const outcome = await tx.deleteCredential('cred-1');
        firstDeleted.open();
        await release.opened;
        return outcome;
      });
      await firstDeleted.opened;
      const racing = second.transaction((tx) => tx.deleteCredential('cred-2'));
      try {
        await eventually(waitsOnALock(racer), "the second deletion waits for the person's lock");
      } finally {
        release.open();
      }
      expect([await deleting, await racing]).toEqual(['deleted', 'last']);
      expect((await first.listCredentials('person-1')).map((credential) => credential.id)).toEqual(['cred-2']);
    });

    it('undoes only a failed call inside a transaction, so the callback can catch the error and commit the rest', async () => {
      const store = await open();
      await store.transaction(async (tx) => {
        await tx.insertEngagement(engagement('eng-1'));
        const duplicate = await rejection(tx.insertEngagement(engagement('eng-1', { name: 'Other' })));
        expect(duplicate.code).toBe('E_CONFLICT');
        await tx.insertEngagement(engagement('eng-2'));
      });
      expect((await store.listEngagements({ operatorId: 'operator-1' })).items.map((record) => record.id).sort()).toEqual(['eng-1', 'eng-2']);
      expect((await store.getEngagement('eng-1'))?.name).toBe('Project eng-1');
    });

    it('rejects use of the store itself inside its own transaction with E_USAGE instead of waiting for its only connection', async () => {
      const store = await open({ poolSize: 1 });
      const inside = await rejection(
        store.transaction(async (tx) => {
          await tx.insertEngagement(engagement('eng-1'));
          await store.getEngagement('eng-1');
        })
      );
      expect(inside.code).toBe('E_USAGE');
      expect((await rejection(store.transaction(() => store.transaction(async () => 1)))).code).toBe('E_USAGE');
      expect((await rejection(store.transaction(() => store.close()))).code).toBe('E_USAGE');
      let leaked: StoreOperations | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
      });
      expect((await rejection(leaked?.getEngagement('eng-1') ?? Promise.resolve())).code).toBe('E_USAGE');
      expect(await store.getEngagement('eng-1')).toBeNull();
    });

    it('keeps its tables in its own schema, whatever characters the schema name holds', async () => {
      const oddName = `Loom "works" ${postgres.newSchemaName()}`;
      const odd = await open({ schema: oddName });
      const plain = await open();
      await odd.insertEngagement(engagement('eng-1'));
      expect(await odd.getEngagement('eng-1')).toEqual(engagement('eng-1'));
      expect(await plain.getEngagement('eng-1')).toBeNull();
      const { rows } = await admin.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [`${pg.escapeIdentifier(oddName)}.engagements`]);
      expect(rows[0]?.found).not.toBeNull();
      // Not a name newSchemaName handed out, so not dropped for us on a shared server.
      await odd.close();
      await admin.query(`DROP SCHEMA ${pg.escapeIdentifier(oddName)} CASCADE`);
    });

    it('returns numbers as numbers (a uint32 signature counter too) and JSON with its keys in the order written', async () => {
      const store = await open();
      await store.insertPerson({ id: 'person-1', displayName: 'Ada', email: null, userHandle: 'handle-1', createdAt: at(0) });
      await store.insertCredential({
        id: 'cred-1',
        personId: 'person-1',
        publicKey: 'key',
        counter: 4_294_967_295,
        transports: ['usb', 'nfc'],
        deviceType: 'singleDevice',
        backedUp: false,
        createdAt: at(0),
        lastUsedAt: null,
      });
      expect((await store.getCredential('cred-1'))?.counter).toBe(4_294_967_295);
      const state = { zebra: 1, apple: { second: 2, first: 1 }, list: [3, 1, 2] };
      await store.insertSession({
        id: 'session-1',
        operatorId: 'operator-1',
        companionId: 'guided',
        status: 'open',
        engagementId: null,
        state,
        version: 1,
        createdAt: at(0),
        updatedAt: at(0),
      });
      expect(JSON.stringify((await store.getSession('session-1'))?.state)).toBe(JSON.stringify(state));
    });

    it('wraps constraint violations as E_CONFLICT and E_NOT_FOUND with the pg error as cause', async () => {
      const store = await open();
      await store.insertEngagement(engagement('eng-1'));
      const duplicate = await rejection(store.insertEngagement(engagement('eng-1')));
      expect(duplicate.code).toBe('E_CONFLICT');
      expect(duplicate.cause).toBeInstanceOf(pg.DatabaseError);
      expect((duplicate.cause as pg.DatabaseError).code).toBe('23505');
      const orphan = await rejection(
        store.insertDocument({
          id: 'doc-1',
          engagementId: 'eng-missing',
          sessionId: null,
          kind: 'brief',
          format: 'brief/v1',
          content: 'x',
          sha256: '0'.repeat(64),
          createdAt: at(0),
        })
      );
      expect(orphan.code).toBe('E_NOT_FOUND');
      expect((orphan.cause as pg.DatabaseError).code).toBe('23503');
    });

    it('reports a server it cannot reach as E_STORE with the cause and a hint naming host and port, never the password', async () => {
      const port = await closedPort();
      const store = createPostgresStore({ connectionString: `postgres://loom:sup3rsecret@127.0.0.1:${port}/loom`, schema: 'unreachable' });
      try {
        for (const attempt of [store.ready(), store.getEngagement('eng-1')]) {
          const error = await rejection(attempt);
          expect(error.code).toBe('E_STORE');
          expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
          expect(error.hint).toContain(`127.0.0.1:${port}`);
          expect(JSON.stringify({ message: error.message, hint: error.hint, details: error.details })).not.toContain('sup3rsecret');
        }
      } finally {
        await store.close();
      }
    });

    it('reports an unknown database or role as E_STORE with the cause and a hint naming server and account', async () => {
      const server = new URL(postgres.connectionString);
      const unknownDatabase = new URL(server);
      unknownDatabase.pathname = '/no_such_database';
      const unknownRole = new URL(server);
      unknownRole.username = 'no_such_role';
      for (const [url, sqlState, named] of [
        [unknownDatabase, '3D000', 'database "no_such_database"'],
        [unknownRole, '28000', 'user "no_such_role"'],
      ] as const) {
        const store = createPostgresStore({ connectionString: url.toString() });
        try {
          const error = await rejection(store.ready());
          expect(error.code).toBe('E_STORE');
          expect((error.cause as pg.DatabaseError).code).toBe(sqlState);
          expect(error.hint).toContain(`${server.hostname}:${server.port}`);
          expect(error.hint).toContain(named);
        } finally {
          await store.close();
        }
      }
    });
  });
});
