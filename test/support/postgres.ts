import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore, type PostgresStore } from '../../adapters/postgres/store.ts';

/**
 * The server the PostgreSQL suites run against: PKILAB_TEST_PG (set by .ci/run; scripts/postgres-local.sh
 * starts a local one and prints its URL). Without it the suites fail, saying so: they never pass silently.
 */
export const testServerUrl = (): string => {
  const url = process.env.PKILAB_TEST_PG;
  if (!url) {
    throw new Error(
      'PKILAB_TEST_PG is not set: the PostgreSQL suites need a server. Run `scripts/postgres-local.sh` (as root, Debian) and ' +
        'export PKILAB_TEST_PG=<the URL it prints>; .ci/run does both.',
    );
  }
  return url;
};

/** The passphrase the suites seal keys with (set unless the environment gives one). */
export const testPassphrase = (): string => (process.env.PKILAB_KEY_PASSPHRASE ??= 'pkilab test passphrase');

/** A schema of its own for one test file, in the test server: its store URL, and `drop` to remove it whole. */
export const testSchema = async (): Promise<{ url: string; schema: string; drop: () => Promise<void> }> => {
  const base = testServerUrl();
  testPassphrase();
  const schema = `pkilab_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
};

/** A store on a fresh schema, and a `done` that closes it and drops the schema. */
export const testStore = async (): Promise<{ store: PostgresStore; url: string; done: () => Promise<void> }> => {
  const schema = await testSchema();
  const store = await openPostgresStore(schema.url);
  return { store, url: schema.url, done: async () => (await store.close(), await schema.drop()) };
};
