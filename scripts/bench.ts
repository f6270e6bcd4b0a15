// npm run bench — replay and seek on a large generated lab, each beside a baseline measured in the same
// run: a hand-written mutable fold of the same events. Figures are ratios; the machine is shared.
import { performance } from 'node:perf_hooks';
import { addMinutes, contoso, testNetwork, type LabEvent, type RecordedEvent } from '../domain/index.ts';
import { buildTimeline, fold } from '../projections/index.ts';

const computers = Number(process.env.BENCH_COMPUTERS ?? 10_000);
const passes = Number(process.env.BENCH_PASSES ?? 95);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** A lab where `computers` computers join, boot, autoenroll one certificate, then run `passes` 8-hour timers. */
const generate = (): RecordedEvent[] => {
  const start = '2026-01-05T08:00:00.000Z';
  const out: RecordedEvent[] = [];
  const push = (event: LabEvent, at: string) => out.push({ ...event, position: out.length + 1, at } as RecordedEvent);
  for (const e of testNetwork(start, { edition: 'enterprise', os: 'windows-server-2008' }, { keyRef: 'ca', certificate: 'MIIB', thumbprint: 'CA', serialTickBase: 0x15fba3bb })) push(e, start);
  const der = 'MII'.padEnd(1600, 'A');
  for (let i = 0; i < computers; i += 1) {
    const name = `PC${String(i).padStart(5, '0')}`;
    const at = addMinutes(start, 60 + Math.floor(i / 100));
    const thumbprint = i.toString(16).toUpperCase().padStart(40, '0');
    push({ type: 'PrincipalCreated', data: { principal: { name, sid: `${contoso.sid}-${2000 + i}`, kind: 'computer', builtin: false, dnsHostName: `${name.toLowerCase()}.contoso.com`, primaryGroup: 'Domain Computers' } } }, at);
    push({ type: 'HostProvisioned', data: { host: { name, fqdn: `${name.toLowerCase()}.contoso.com`, os: 'Windows 7', roles: [], lastBoot: at }, iisSites: [] } }, at);
    push({ type: 'ComputerRestarted', data: { computer: name, tokenGroups: ['Authenticated Users', 'Domain Computers', 'Everyone'] } }, at);
    push({ type: 'CertificateIssued', data: { certificate: { requestId: i + 1, serialNumber: `61${i.toString(16).padStart(8, '0')}`, thumbprint, ca: contoso.caName, template: 'Workstation', templateSchemaVersion: 2, requester: name, subject: '', dnsNames: [`${name.toLowerCase()}.contoso.com`], upns: [], ekus: ['1.3.6.1.5.5.7.3.2'], applicationPolicies: ['1.3.6.1.5.5.7.3.2'], notBefore: at, notAfter: addMinutes(at, 525_600), keyRef: `req-${i + 1}`, keySize: 2048, keyProvider: 'csp', exportableKey: false, der } } }, at);
    push({ type: 'CertificateInstalled', data: { host: name, store: 'personal', thumbprint, template: 'Workstation', keyRef: `req-${i + 1}`, exportableKey: false } }, at);
  }
  for (let pass = 1; pass <= passes; pass += 1) {
    for (let i = 0; i < computers; i += 1) push({ type: 'AutoenrollmentRan', data: { computer: `PC${String(i).padStart(5, '0')}`, trigger: 'timer', failures: [] } }, addMinutes(start, 60 + pass * 480));
  }
  return out;
};

/** The baseline: the same events folded into plain mutable maps, no immer, no pattern matching. */
const mutableFold = (events: readonly RecordedEvent[], upTo = events.length) => {
  const world = { principals: new Map<string, unknown>(), hosts: new Map<string, { lastBoot: string; lastAutoenrollment?: string }>(), stores: new Map<string, string[]>(), issued: new Map<string, unknown>(), provenance: new Map<string, number[]>() };
  for (let i = 0; i < upTo; i += 1) {
    const e = events[i]!;
    switch (e.type) {
      case 'PrincipalCreated': world.principals.set(e.data.principal.name, e.data.principal); break;
      case 'HostProvisioned': world.hosts.set(e.data.host.name, { lastBoot: e.data.host.lastBoot }); world.stores.set(e.data.host.name, []); break;
      case 'ComputerRestarted': world.hosts.get(e.data.computer)!.lastBoot = e.at; break;
      case 'CertificateIssued': world.issued.set(e.data.certificate.serialNumber, e.data.certificate); break;
      case 'CertificateInstalled': world.stores.get(e.data.host)!.push(e.data.thumbprint); break;
      case 'AutoenrollmentRan': world.hosts.get(e.data.computer)!.lastAutoenrollment = e.at; break;
      default: break;
    }
    const key = 'computer' in (e.data as object) ? `host:${(e.data as { computer: string }).computer}` : e.type;
    const list = world.provenance.get(key);
    if (list) list.push(e.position);
    else world.provenance.set(key, [e.position]);
  }
  return world;
};

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
};
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const [events, generation] = time(generate);
if (process.env.BENCH_DUMP) { (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, JSON.stringify(events)); process.exit(0); }
console.log(`generated ${fmt(events.length)} events (${fmt(computers)} computers autoenrolling, ${passes} timer passes) in ${fmt(generation)} ms\n`);

// Warm both folds up on a slice first, so neither figure includes the JIT's first passes.
mutableFold(events, Math.min(50_000, events.length));
fold(events.slice(0, 50_000));
const [, baselineReplay] = time(() => mutableFold(events));
const [world, replay] = time(() => fold(events));
const tail = events.slice(-Math.min(50_000, Math.floor(events.length / 2)));
const prefix = fold(events.slice(0, events.length - tail.length));
const [, tailTime] = time(() => fold(tail, prefix));
const immerRate = (tail.length / tailTime) * 1000;
const perSecond = (ms: number) => (events.length / ms) * 1000;
console.log('replay through all projections');
console.log(`  pkilab fold of a whole log (in place)  ${fmt(perSecond(replay)).padStart(12)} events/s   target ≥ 1,000,000`);
console.log(`  pkilab fold in immer batches (tail)    ${fmt(immerRate).padStart(12)} events/s   (how a running lab folds its new events)`);
console.log(`  baseline mutable fold                  ${fmt(perSecond(baselineReplay)).padStart(12)} events/s`);
console.log(`  ratio (pkilab / baseline)              ${fmt(baselineReplay / replay, 3).padStart(12)}\n`);

const worldHeapBase = heap();
const [timeline, build] = time(() => buildTimeline(events));
const timelineHeap = heap() - worldHeapBase;
const kept = [world, timeline];
const worldOnlyBase = heap();
const [finalWorld] = time(() => fold(events));
const worldHeap = heap() - worldOnlyBase;
kept.push(finalWorld);

const positions = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7_919_993) % events.length));
const seeks = positions.map((p) => time(() => timeline.worldAt(p))[1]).sort((a, b) => a - b);
const baselineSeeks = positions.slice(0, 20).map((p) => time(() => mutableFold(events, p))[1]).sort((a, b) => a - b);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`seek to ${positions.length} random positions (timeline of ${timeline.checkpoints} checkpoints every ${fmt(timeline.checkpointInterval)} events, built in ${fmt(build)} ms)`);
console.log(`  pkilab timeline   mean ${fmt(mean(seeks), 2).padStart(8)} ms   p95 ${fmt(seeks[Math.floor(seeks.length * 0.95)]!, 2).padStart(8)} ms   max ${fmt(seeks.at(-1)!, 2).padStart(8)} ms   target < 10 ms`);
console.log(`  baseline refold   mean ${fmt(mean(baselineSeeks), 2).padStart(8)} ms   (a mutable fold from the start, 20 seeks)`);
console.log(`  ratio (baseline / pkilab mean)   ${fmt(mean(baselineSeeks) / mean(seeks), 1)}×\n`);

console.log('memory');
console.log(`  final world                 ${fmt(worldHeap / 2 ** 20, 1).padStart(8)} MiB`);
console.log(`  timeline with checkpoints   ${fmt(timelineHeap / 2 ** 20, 1).padStart(8)} MiB   ratio ${fmt(timelineHeap / worldHeap, 2)}   target ≤ 2`);
void kept;

// Opening a log from disk: the JSONL store reads every line, verifies its integrity mark and checks it
// (schemas, positions, time, references, certificates against their DER), beside a bare JSON.parse of the lines.
{
  const { mkdtempSync, writeFileSync, readFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { formatLine } = await import('../adapters/eventstore/jsonl-format.ts');
  const { jsonlEventStore } = await import('../adapters/eventstore/jsonl.ts');
  const { largeLog } = await import('../test/support/large-log.ts');
  // The same shape of lab with real certificates (the checks compare each with its DER), signed once here.
  const logEvents = await largeLog(Math.min(computers, 2000), passes);
  const dir = mkdtempSync(join(tmpdir(), 'pkilab-bench-'));
  let chain = 0;
  writeFileSync(join(dir, 'lab.jsonl'), logEvents.map((e) => {
    const line = formatLine(e, chain);
    chain = line.chain;
    return line.line;
  }).join(''));
  const [, bare] = time(() => readFileSync(join(dir, 'lab.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown).length);
  const started = performance.now();
  let opened: string;
  try {
    opened = `${fmt((await jsonlEventStore(dir).read('lab')).length)} events`;
  } catch (error) {
    opened = `refused: ${(error as Error).message.slice(0, 160)}`;
  }
  const open = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  const rate = (ms: number) => fmt((logEvents.length / ms) * 1000);
  console.log(`\nopen a ${fmt(logEvents.length)}-event JSONL log (${opened})`);
  console.log(`  pkilab store (integrity marks and checks)  ${rate(open).padStart(12)} events/s`);
  console.log(`  baseline JSON.parse of each line           ${rate(bare).padStart(12)} events/s`);
  console.log(`  ratio (pkilab / baseline)                  ${fmt(bare / open, 3).padStart(12)}`);
}

// PostgreSQL: appends from many writers, followers, lost and duplicated counts (scripts/bench-postgres.ts).
await (await import('./bench-postgres.ts')).benchPostgres();
