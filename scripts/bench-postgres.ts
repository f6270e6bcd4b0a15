// `npm run bench`, PostgreSQL section: many writers appending through the PostgreSQL EventStore while a
// follower per lab listens (LISTEN/NOTIFY through followLab), beside the JSONL store doing the same appends.
// Measures appends and events per second, append latency (p50/p99), notification latency from an
// append's commit to the follower, and counts lost and duplicated events (both must be 0).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { jsonlEventStore } from '../adapters/eventstore/jsonl.ts';
import { lockLab } from '../adapters/eventstore/lock.ts';
import { openDatabase } from '../adapters/postgres/database.ts';
import { postgresEventStore } from '../adapters/postgres/events.ts';
import { followLab } from '../adapters/postgres/follow.ts';
import { isEventStoreError, type EventStore } from '../workflows/index.ts';
import { at, created, group } from '../test/support/store-events.ts';

const nameOf = (e: { type: string; data: unknown }) =>
  e.type === 'PrincipalCreated' ? (e.data as { principal: { name: string } }).principal.name : '';
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

/** Events per append: a procedure's step appends its input and the 2 to 5 events it caused (59 for 13 steps in the IIS scenario). */
const batch = Number(process.env.BENCH_PG_BATCH ?? 4);

interface Run {
  events: number;
  appends: number;
  conflicts: number;
  ms: number;
  latencies: number[];
  acked: Map<string, number>;
}

/** `writers` writers, writer i on lab `labs[i % labs.length]`, each appending `each` single-event appends (retrying conflicts). */
const appendAll = async (stores: (lab: string) => EventStore, labs: string[], writers: number, each: number): Promise<Run> => {
  const run: Run = { events: 0, appends: 0, conflicts: 0, ms: 0, latencies: [], acked: new Map() };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const lab = labs[w % labs.length]!;
      const store = stores(lab);
      // As the engine does: the version of the lab it holds, read again only after a conflict.
      let version = await store.version(lab);
      for (let n = 0; n < each; ) {
        const name = `w${w}-${n}`;
        const t = performance.now();
        try {
          version = await store.append(
            lab,
            Array.from({ length: batch }, (_, i) => group(`${name}.${i}`)),
            version,
          );
          run.latencies.push(performance.now() - t);
          for (let i = 0; i < batch; i += 1) run.acked.set(`${name}.${i}`, performance.now());
          run.appends += 1;
          n += 1;
        } catch (error) {
          if (!isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT')) throw error;
          run.conflicts += 1;
          version = await store.version(lab);
        }
      }
    }),
  );
  run.ms = performance.now() - started;
  run.events = run.appends * batch;
  return run;
};

/** Appends through PostgreSQL with a follower per lab; checks the log and what the followers saw. */
const postgresRun = async (url: string, label: string, labs: string[], writers: number, each: number) => {
  const writing = await openDatabase(url, { max: Math.min(writers, Number(process.env.BENCH_PG_POOL ?? 16)) });
  const reading = await openDatabase(url, { max: 10 });
  try {
    const setup = postgresEventStore(writing);
    for (const lab of labs) await setup.append(lab, [created], 0);
    const received = new Map<string, number[]>();
    const notifyLatencies: number[] = [];
    const pending: Array<[string, number]> = [];
    const subscriptions = labs.map((lab) =>
      followLab(reading, lab).subscribe((change) => {
        if (change.kind !== 'appended') return;
        const now = performance.now();
        for (const e of change.events) {
          const name = nameOf(e);
          if (!name) continue;
          received.set(name, [...(received.get(name) ?? []), e.position]);
          pending.push([`${lab}#${e.position}`, now]);
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 300)); // the followers have read the labs and listen
    // The moment each append committed: when its store hands the notice over (right after the commit).
    const committed = new Map<string, number>();
    const timed: typeof writing = {
      ...writing,
      notify(payload) {
        const notice = JSON.parse(payload) as { lab: string; version: number; texts?: string[] };
        for (let p = notice.version - (notice.texts?.length ?? 1) + 1; p <= notice.version; p += 1)
          committed.set(`${notice.lab}#${p}`, performance.now());
        return writing.notify(payload);
      },
    };
    // Each writer has a store of its own (its own cache), as separate processes would.
    const run = await appendAll(() => postgresEventStore(timed), labs, writers, each);
    const deadline = Date.now() + 5000;
    while (received.size < run.acked.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    subscriptions.forEach((s) => s.unsubscribe());
    for (const [place, seen] of pending) {
      const at = committed.get(place);
      if (at !== undefined) notifyLatencies.push(seen - at);
    }
    const final = await Promise.all(labs.map((lab) => postgresEventStore(reading).read(lab)));
    const names = final.flat().map(nameOf).filter(Boolean);
    const lost =
      [...run.acked.keys()].filter((n) => !names.includes(n)).length + [...run.acked.keys()].filter((n) => !received.has(n)).length;
    const duplicated = names.length - new Set(names).size + [...received.values()].filter((p) => p.length > 1).length;
    const rate = (run.events / run.ms) * 1000;
    console.log(
      `  ${label.padEnd(30)} ${fmt(rate).padStart(7)} events/s ${fmt((run.appends / run.ms) * 1000).padStart(6)} appends/s  append p50 ${fmt(percentile(run.latencies, 0.5), 1).padStart(6)} ms  p99 ${fmt(percentile(run.latencies, 0.99), 1).padStart(6)} ms  ` +
        `notify p50 ${fmt(percentile(notifyLatencies, 0.5), 1).padStart(5)} ms  p99 ${fmt(percentile(notifyLatencies, 0.99), 1).padStart(6)} ms  ` +
        `conflicts ${fmt(run.conflicts)}  lost ${lost}  duplicated ${duplicated}`,
    );
    return { rate, notifyP99: percentile(notifyLatencies, 0.99), lost, duplicated };
  } finally {
    await Promise.all([writing.close(), reading.close()]);
  }
};

/** The same appends into JSONL files (one writer per lab: the file store's rule), for the ratio. */
const jsonlRun = async (labs: string[], each: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'pkilab-bench-jsonl-'));
  try {
    const stores = new Map<string, EventStore>();
    for (const lab of labs) {
      const store = jsonlEventStore(dir, { lock: await lockLab(join(dir, `${lab}.jsonl`), 'bench') });
      await store.append(lab, [created], 0);
      stores.set(lab, store);
    }
    const run = await appendAll((lab) => stores.get(lab)!, labs, labs.length, each);
    const rate = (run.events / run.ms) * 1000;
    console.log(
      `  ${'JSONL, 50 writers on 50 labs'.padEnd(30)} ${fmt(rate).padStart(7)} events/s ${fmt((run.appends / run.ms) * 1000).padStart(6)} appends/s  append p50 ${fmt(percentile(run.latencies, 0.5), 1).padStart(6)} ms  p99 ${fmt(percentile(run.latencies, 0.99), 1).padStart(6)} ms  (fsync per append; no followers)`,
    );
    return rate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The PostgreSQL section of the bench, on a schema of its own (dropped after). Skipped, saying so, without a server. */
export const benchPostgres = async (): Promise<void> => {
  const base = process.env.PKILAB_BENCH_PG ?? process.env.PKILAB_TEST_PG;
  console.log(`\nPostgreSQL event store: appends of ${batch} events (a step's size), a LISTEN/NOTIFY follower on every lab`);
  if (!base) {
    console.log('  skipped: no server; set PKILAB_TEST_PG (scripts/postgres-local.sh starts one and prints its URL)');
    return;
  }
  const schema = `pkilab_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
  const each = Number(process.env.BENCH_PG_APPENDS ?? 40);
  try {
    const many = await postgresRun(
      url,
      'PostgreSQL, 50 writers/50 labs',
      Array.from({ length: 50 }, (_, i) => `bench/lab-${i}`),
      50,
      each,
    );
    const shared = await postgresRun(url, 'PostgreSQL, 5 writers/1 lab', ['bench/shared'], 5, each * 2);
    const file = await jsonlRun(
      Array.from({ length: 50 }, (_, i) => `lab-${i}`),
      each,
    );
    console.log(
      `  ratio (PostgreSQL / JSONL, 50 labs)  ${fmt(many.rate / file, 2)}   targets: ≥ 2,000 events/s, notify p99 < 100 ms, lost and duplicated 0`,
    );
    const missed = [many, shared].filter((r) => r.lost > 0 || r.duplicated > 0);
    if (missed.length > 0) process.exitCode = 1;
  } finally {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
};
