import { KeyRef, SimTime } from '../../domain/index.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, shareReplay, tap } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { folderKeyPool } from '../../adapters/keypool/pool.ts';
import { generateRsa, publicKeyOf } from '../../adapters/keystore/rsa.ts';
import { openStore } from '../../adapters/postgres/lab-store.ts';
import { openDatabase } from '../../adapters/postgres/database.ts';
import { checkLabName } from '../../adapters/postgres/names.ts';
import { storeSealer } from '../../adapters/postgres/seal.ts';
import { openPostgresStore } from '../../adapters/postgres/store.ts';
import { isEventStoreError, isKeyStoreError } from '../../workflows/index.ts';
import { testServerUrl, testStore } from '../support/postgres.ts';
import { at, created, group } from '../support/store-events.ts';

const { store, url, done } = await testStore();
const rejects = async (action: Promise<unknown>, check: (error: Error & { code?: string }) => boolean, what: string) => {
  try {
    await action;
  } catch (error) {
    assert.ok(check(error as Error & { code?: string }), `${what}: ${String(error)}`);
    return (error as Error).message;
  }
  throw new assert.Assertion({ message: `${what}: expected a refusal, found success`, operator: 'rejects' } as never);
};

const pg = suite('adapters/postgres store');

pg('without a server the suites fail with a message saying how to get one, never pass', () => {
  const saved = process.env.PKILAB_TEST_PG;
  delete process.env.PKILAB_TEST_PG;
  try {
    assert.throws(() => testServerUrl(), /PKILAB_TEST_PG is not set.*postgres-local\.sh/);
  } finally {
    process.env.PKILAB_TEST_PG = saved;
  }
});

pg('opening a store twice creates nothing twice (the schema is made with IF NOT EXISTS)', async () => {
  const again = await openDatabase(url);
  await again.close();
  const other = await openPostgresStore(url);
  assert.equal(await other.list('nothing/'), []);
  await other.close();
});

pg('a private key is sealed at rest: the row holds neither the key nor its base64, and opens only in its place', async () => {
  const keys = store.ports('sealed/one').keys;
  await keys.generate(KeyRef('ca'), 2048);
  const pkcs8 = await keys.privateKey(KeyRef('ca'));
  const { rows } = await store.db.pool.query(`SELECT nonce, sealed FROM ${store.db.table('keys')} WHERE lab = 'sealed/one'`);
  const raw = Buffer.concat([rows[0].nonce, rows[0].sealed]);
  assert.not.ok(raw.includes(Buffer.from(pkcs8, 'base64').subarray(0, 64)), 'no DER of the key');
  assert.not.ok(raw.toString('latin1').includes(pkcs8.slice(0, 40)), 'no base64 of the key');
  // The same sealed row moved to another lab does not open there: it is bound to its lab and reference.
  await store.db.pool.query(`INSERT INTO ${store.db.table('keys')} (lab, ref, nonce, sealed) VALUES ('sealed/two', 'ca', $1, $2)`, [
    rows[0].nonce,
    rows[0].sealed,
  ]);
  await rejects(store.ports('sealed/two').keys.privateKey(KeyRef('ca')), (e) => isKeyStoreError(e, 'KEYSTORE_KEY_INVALID'), 'a moved key');
});

pg('keys and secrets are refused clearly when PKILAB_KEY_PASSPHRASE is missing or wrong', async () => {
  const saved = process.env.PKILAB_KEY_PASSPHRASE;
  try {
    delete process.env.PKILAB_KEY_PASSPHRASE;
    const missing = await rejects(store.ports('pass/one').secrets.seal('secret'), (e) => e.code === 'STORE_PASSPHRASE', 'no passphrase');
    assert.match(missing, /PKILAB_KEY_PASSPHRASE is not set/);
    const wrong = await rejects(
      storeSealer(store.db, { PKILAB_KEY_PASSPHRASE: 'not the one' }),
      (e) => e.code === 'STORE_PASSPHRASE',
      'wrong passphrase',
    );
    assert.match(wrong, /is not the passphrase the keys in .* were sealed with/);
  } finally {
    process.env.PKILAB_KEY_PASSPHRASE = saved;
  }
});

pg("the commands' store takes a lab's new keys from the user's key pool ($PKILAB_KEY_POOL), each once", async () => {
  const folder = await mkdtemp(join(tmpdir(), 'pkilab-pool-'));
  const saved = process.env.PKILAB_KEY_POOL;
  process.env.PKILAB_KEY_POOL = folder;
  const commands = await openStore(url);
  try {
    const { pkcs8 } = await generateRsa(2048);
    await folderKeyPool(folder).add(2048, pkcs8);
    const keys = commands.ports('pooled/one').keys;
    assert.is(await keys.generate(KeyRef('ca'), 2048), publicKeyOf(pkcs8), 'the pooled key');
    assert.is(await keys.privateKey(KeyRef('ca')), pkcs8);
    assert.equal(await folderKeyPool(folder).count(), { 2048: 0 }, 'gone from the pool');
  } finally {
    process.env.PKILAB_KEY_POOL = saved ?? '';
    if (saved === undefined) delete process.env.PKILAB_KEY_POOL;
    await commands.close();
    await rm(folder, { recursive: true, force: true });
  }
});

pg('an event changed in the table by hand keeps the lab from opening, naming lab and position', async () => {
  await store.events.append('edited/one', [created, group('B')], 0);
  await store.db.pool.query(
    `UPDATE ${store.db.table('events')} SET body = replace(body, '"S-B"', '42') WHERE lab = 'edited/one' AND position = 2`,
  );
  const fresh = await openPostgresStore(url);
  try {
    const message = await rejects(
      fresh.events.read('edited/one'),
      (e) => isEventStoreError(e, 'EVENTSTORE_CORRUPT_LOG'),
      'an edited event',
    );
    assert.match(message, /#edited\/one:2: /);
  } finally {
    await fresh.close();
  }
});

pg('a warning of the checks (simulated time going back) is told once through onWarning, naming lab and position', async () => {
  await store.events.append('warned/one', [created, { ...group('B'), at: SimTime('2026-11-01T09:00:00.000Z') }], 0);
  const warnings: string[] = [];
  const reader = await openPostgresStore(url, (w) => warnings.push(w));
  try {
    assert.is((await reader.events.read('warned/one')).length, 2);
    await reader.events.read('warned/one');
    assert.is(warnings.length, 1);
    assert.match(warnings[0]!, /#warned\/one:2: at: expected 2026-11-02T09:00:00\.000Z .* or later/);
  } finally {
    await reader.close();
  }
});

pg('an append whose events fail the log checks is refused before anything is written', async () => {
  const message = await rejects(
    store.events.append('checked/one', [group('B')], 0),
    (e) => isEventStoreError(e, 'EVENTSTORE_CORRUPT_LOG'),
    'no LabCreated first',
  );
  assert.match(message, /refusing to append: .*expected LabCreated first/);
  assert.is(await store.events.version('checked/one'), 0);
});

pg('follow emits the lab, then each append another process makes, then a truncate, in order and once', async () => {
  const lab = 'live/one';
  await store.events.append(lab, [created], 0);
  const other = await openPostgresStore(url);
  const seen: string[] = [];
  const live = store.follow(lab).pipe(
    tap((c) => seen.push(...(c.kind === 'appended' ? c.events.map((e) => String(e.position)) : [`cut to ${c.version}`]))),
    shareReplay({ bufferSize: Infinity, refCount: true }),
  );
  const watching = live.subscribe();
  const reached = (version: number) => firstValueFrom(live.pipe(filter((c) => c.version === version)));
  try {
    await reached(1);
    await other.events.append(lab, [group('B')], 1);
    await other.events.append(lab, [group('C'), group('D')], 2);
    await reached(4);
    await other.events.truncate(lab, 2, 4);
    await other.events.append(lab, [group('E')], 2);
    await reached(3);
    assert.equal(seen, ['1', '2', '3', '4', 'cut to 2', '3']);
  } finally {
    watching.unsubscribe();
    await other.close();
  }
});

pg('lab names are parts of letters, digits, . _ - separated by /; anything else is refused saying what was found', () => {
  for (const good of ['class1/student-01', 'rehearsal', 'a.b_c-d/e']) assert.is(checkLabName(good), good);
  for (const [bad, found] of [
    ['', /an empty name/],
    ['a//b', /an empty part/],
    ['../x', /the part "\.\."/],
    ['a b', /the part "a b"/],
    ['x'.repeat(129), /129 characters/],
  ] as const) {
    assert.throws(
      () => checkLabName(bad),
      (e: Error & { code?: string }) => e.code === 'STORE_LAB_NAME' && found.test(e.message),
    );
  }
});

pg.after(done);
pg.run();
