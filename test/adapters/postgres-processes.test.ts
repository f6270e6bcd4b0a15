import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresStore } from '../../adapters/postgres/store.ts';
import { isEventStoreError } from '../../workflows/index.ts';
import { testStore } from '../support/postgres.ts';
import { at, created, group } from '../support/store-events.ts';

const { store, url, done } = await testStore();
const nameOf = (e: { type: string; data: unknown }) =>
  e.type === 'PrincipalCreated' ? (e.data as { principal: { name: string } }).principal.name : e.type;

const processes = suite('adapters/postgres writers in several processes');

processes('two stores that both read version 1 append at once: the database lets one win, the other gets a version conflict', async () => {
  await store.events.append('race/one', [created], 0);
  const [a, b] = [await openPostgresStore(url), await openPostgresStore(url)];
  try {
    assert.is(await a.events.version('race/one'), 1);
    assert.is(await b.events.version('race/one'), 1);
    const outcomes = await Promise.allSettled([a.events.append('race/one', [group('A')], 1), b.events.append('race/one', [group('B')], 1)]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    assert.is(won.length, 1);
    assert.is(lost.length, 1);
    assert.ok(isEventStoreError(lost[0], 'EVENTSTORE_VERSION_CONFLICT'), String(lost[0]));
    assert.equal(
      (await store.events.read('race/one')).map((e) => e.position),
      [1, 2],
    );
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

/** The writer bundled once (esbuild, packages left in node_modules): four processes start in a second, not in tsx's time. */
const writerScript = async (): Promise<string> => {
  const { build } = await import('esbuild');
  const outfile = `node_modules/.cache/pkilab/pg-writer-${process.pid}.mjs`;
  await build({
    entryPoints: ['test/support/pg-writer.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
};

processes(
  'four processes append to one lab at once: losers see version conflicts, no position is written twice, nothing acknowledged is lost',
  async () => {
    const lab = 'team/shared';
    await store.events.append(lab, [created], 0);
    const script = await writerScript();
    const writers = ['w1', 'w2', 'w3', 'w4'].map((who) => {
      const child = spawn(process.execPath, [script, url, lab, who, '15'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const lines: string[] = [];
      const ready = new Promise<void>((resolve) =>
        createInterface({ input: child.stdout }).on('line', (line) => (line === 'ready' ? resolve() : lines.push(line))),
      );
      const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
      return { child, lines, ready, exited, stderr: () => stderr };
    });
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin.end('go\n');
    const codes = await Promise.all(writers.map((w) => w.exited));
    await rm(script, { force: true });
    assert.equal(codes, [0, 0, 0, 0], writers.map((w) => w.stderr()).join('\n'));
    const outcomes = writers.flatMap((w) => w.lines.map((l) => JSON.parse(l) as { ack?: string; position?: number; conflict?: string }));
    const acks = outcomes.filter((o) => o.ack);
    const conflicts = outcomes.filter((o) => o.conflict);
    assert.is(acks.length, 60);
    assert.ok(conflicts.length > 0, 'four writers racing must meet at least one conflict');
    assert.ok(conflicts.every((c) => c.conflict === 'EVENTSTORE_VERSION_CONFLICT'));
    const log = await store.events.read(lab);
    assert.equal(
      log.map((e) => e.position),
      Array.from({ length: 61 }, (_, i) => i + 1),
      'positions 1..61, none twice, none missing',
    );
    assert.is(new Set(acks.map((a) => a.position)).size, 60, 'no two acknowledgements share a position');
    for (const a of acks) assert.is(nameOf(log[a.position! - 1]!), a.ack, `the event acknowledged at ${a.position} is there`);
    const { rows } = await store.db.pool.query(`SELECT count(*)::int AS n FROM ${store.db.table('events')} WHERE lab = $1`, [lab]);
    assert.is(rows[0].n, 61);
  },
);

processes.after(done);
processes.run();
