// describeWithPostgres: a describe block sharing one Postgres server across its tests, which skip with the
// reason when no server can be had — or fail, when LOOMWORKS_REQUIRE_POSTGRES=1 (CI).
import { randomBytes } from 'node:crypto';
import { LoomworksError } from '@loomworks/core';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { dropSchemas } from './connect';
import { TEST_POSTGRES_URL_VARIABLE, startPostgres, type StartPostgresOptions, type StartPostgresResult } from './start-postgres';

/** Set to `1` where Postgres tests must run (CI): an unavailable server fails them instead of skipping them. */
export const REQUIRE_POSTGRES_VARIABLE = 'LOOMWORKS_REQUIRE_POSTGRES';

export type PostgresForTests = {
  /** The block's server; readable in tests and hooks (after the block's `beforeAll`). */
  readonly connectionString: string;
  /**
   * A schema name no other test uses (lower case, safe unquoted): give each store its own, e.g.
   * `createPostgresStore({ connectionString, schema: postgres.newSchemaName() })`, so cases are isolated
   * without a database per case. Schemas named here are dropped after the block on a shared server
   * (`LOOMWORKS_TEST_PG_URL`); a throwaway cluster is deleted whole.
   */
  newSchemaName(prefix?: string): string;
};

let schemaCounter = 0;

/**
 * `describe(name, …)` with one Postgres server for all its tests: started in `beforeAll` by
 * `startPostgres(options)`, stopped in `afterAll`. When the server is unavailable every test of the
 * block is skipped with the reason printed — unless `LOOMWORKS_REQUIRE_POSTGRES=1`, where they fail.
 */
export function describeWithPostgres(name: string, fn: (postgres: PostgresForTests) => void, options: StartPostgresOptions = {}): void {
  describe(name, () => {
    let server: StartPostgresResult | null = null;
    let unavailable: string | null = null;
    const schemas: string[] = [];
    // Distinguishes this run's schemas from those of other processes sharing a LOOMWORKS_TEST_PG_URL server.
    const runTag = randomBytes(3).toString('hex');

    beforeAll(async () => {
      try {
        server = await startPostgres(options);
      } catch (error) {
        if (!LoomworksError.is(error, 'E_POSTGRES_UNAVAILABLE') || process.env[REQUIRE_POSTGRES_VARIABLE] === '1') throw error;
        unavailable = error.message;
        console.warn(`[loomworks] skipping "${name}" (set ${REQUIRE_POSTGRES_VARIABLE}=1 to fail instead): ${error.message}`);
      }
    });

    afterAll(async () => {
      if (server === null) return;
      const shared = options.connectionString !== null && (options.connectionString ?? process.env[TEST_POSTGRES_URL_VARIABLE]);
      if (shared && schemas.length > 0) await dropSchemas(server.connectionString, schemas);
      await server.stop();
    });

    beforeEach((context) => {
      if (unavailable !== null) context.skip(`Postgres unavailable: ${unavailable}`);
    });

    fn({
      get connectionString(): string {
        if (server === null) throw new Error('The Postgres server is only available inside the tests and hooks of its describeWithPostgres block');
        return server.connectionString;
      },
      newSchemaName(prefix = 'loomworks_test') {
        schemaCounter += 1;
        const schema = `${prefix}_${runTag}_${schemaCounter}`;
        schemas.push(schema);
        return schema;
      },
    });
  });
}
