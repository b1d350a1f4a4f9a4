// Postgres for tests: a server per test file (started or given by URL) and the describe block that shares it.
export { describeWithPostgres, type PostgresForTests } from './describe-with-postgres';
export { startPostgres, type StartPostgresOptions, type StartPostgresResult } from './start-postgres';
