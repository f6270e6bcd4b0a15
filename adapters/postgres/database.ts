import pg from 'pg';
import { StoreError } from './store-error.ts';
import { parseStoreUrl } from './url.ts';

export { isStoreError, StoreError } from './store-error.ts';

/** An open connection pool on one schema of one database, with the tables pkilab needs. */
export interface Database {
  readonly pool: pg.Pool;
  /** For connections of their own (LISTEN). */
  readonly connectionString: string;
  /** The URL without its password, for messages. */
  readonly shown: string;
  readonly schema: string;
  /** A table name qualified by the schema, quoted. */
  table(name: 'labs' | 'events' | 'keys' | 'secrets' | 'files' | 'meta'): string;
  /** The NOTIFY channel appends publish on: one per schema, so test schemas never hear each other. */
  readonly channel: string;
  /** Publishes a notice on the channel, after the append it tells of has committed (see notifier). */
  notify(payload: string): Promise<void>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The schema, created if missing (CREATE ... IF NOT EXISTS: running it again, or from two processes, is harmless). */
const migration = (db: Database) => `
  CREATE SCHEMA IF NOT EXISTS ${quote(db.schema)};
  CREATE TABLE IF NOT EXISTS ${db.table('labs')} (
    lab text PRIMARY KEY,
    version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    generation integer NOT NULL DEFAULT 0,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS ${db.table('events')} (
    lab text NOT NULL REFERENCES ${db.table('labs')} (lab),
    position integer NOT NULL CHECK (position >= 1),
    type text NOT NULL,
    body text NOT NULL,
    recorded timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (lab, position));
  CREATE TABLE IF NOT EXISTS ${db.table('keys')} (
    lab text NOT NULL, ref text NOT NULL, nonce bytea NOT NULL, sealed bytea NOT NULL, PRIMARY KEY (lab, ref));
  CREATE TABLE IF NOT EXISTS ${db.table('secrets')} (
    lab text NOT NULL, ref text NOT NULL, nonce bytea NOT NULL, sealed bytea NOT NULL, PRIMARY KEY (lab, ref));
  CREATE TABLE IF NOT EXISTS ${db.table('files')} (
    lab text NOT NULL, name text NOT NULL, content bytea NOT NULL, PRIMARY KEY (lab, name));
  CREATE TABLE IF NOT EXISTS ${db.table('meta')} (name text PRIMARY KEY, value text NOT NULL);`;

const tables = ['labs', 'events', 'keys', 'secrets', 'files', 'meta'];

/** Serializes migrations across processes: CREATE ... IF NOT EXISTS alone may race on the catalog. */
const migrationLock = 0x706b696c;

const unreachable = (shown: string, error: Error) =>
  new StoreError(
    'STORE_UNREACHABLE',
    `cannot use the PostgreSQL store ${shown}: ${error.message} (is the server running? scripts/postgres-local.sh starts one)`,
  );

/** Opens a pool on the store and makes sure its schema exists. */
export const openDatabase = async (spec: string, options: { max?: number } = {}): Promise<Database> => {
  const { connectionString, schema, shown } = parseStoreUrl(spec);
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000, allowExitOnIdle: true });
  pool.on('error', () => undefined);
  const db: Database = {
    pool,
    connectionString,
    shown,
    schema,
    channel: `pkilab_${schema}`,
    table: (name) => `${quote(schema)}.${quote(name)}`,
    notify: (payload) => send(payload),
    close: async () => {
      await pool.end();
      await notices.end();
    },
  };
  // Notices go through a connection of their own, so they never wait in line behind the appends.
  const notices = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 5000, allowExitOnIdle: true });
  notices.on('error', () => undefined);
  const send = notifier(notices, db.channel);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unreachable(shown, error as Error);
  }
  try {
    // A store already set up is only read: a role that may not create tables can still use it.
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = ANY($2)`,
      [schema, tables],
    );
    if (rows[0]?.n !== tables.length) {
      await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
      try {
        await client.query(migration(db));
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
      }
    }
  } finally {
    client.release();
  }
  return db;
};

/**
 * NOTIFY outside the appends' transactions: PostgreSQL serializes the commits of every transaction that
 * notifies (one queue lock, held through the commit's flush), which capped appends to all labs together
 * at one commit per disk flush (~300/s here). Appends commit in parallel instead, then their notices go
 * out in batches (those that arrive while one is sent wait for the next), each batch one statement that
 * need not wait for the disk: a notice is a hint to read, the events are already durable. A writer killed
 * between its commit and its notice leaves followers one hint short until the lab's next append.
 */
const notifier = (pool: pg.Pool, channel: string) => {
  let batch: string[] | undefined;
  let sending: Promise<void> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const sendBatch = async (payloads: string[]) => {
    await pool.query({
      name: `pkilab-notify-${channel}`,
      text: `WITH quick AS (SELECT set_config('synchronous_commit', 'off', true)) SELECT pg_notify($1, p) FROM quick, unnest($2::text[]) AS p`,
      values: [channel, payloads],
    });
  };
  return (payload: string): Promise<void> => {
    if (batch) {
      batch.push(payload);
      return sending!;
    }
    batch = [payload];
    sending = chain.then(() => {
      const payloads = batch!;
      batch = undefined;
      return sendBatch(payloads);
    });
    chain = sending.catch(() => undefined);
    return sending;
  };
};

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export const transaction = async <T>(db: Database, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** Whether a pg error is a unique violation (two writers reached the same key). */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown })?.code === '23505';
