// node --import tsx --expose-gc test/support/measure-log-check.ts — how fast `checkLog` opens the bench's lab.
// BENCH_COMPUTERS (2000 unless set) and BENCH_PASSES (95) shape it as in `npm run bench`, with real certificates;
// the generated log is kept in the temporary folder, since signing thousands of certificates takes a while.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLog, type LogCheckOptions, type LogEntry } from '../../adapters/eventstore/validate.ts';
import type { RecordedEvent } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { largeLog } from './large-log.ts';

const computers = Number(process.env.BENCH_COMPUTERS ?? 2000);
const passes = Number(process.env.BENCH_PASSES ?? 95);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const file = join(tmpdir(), `pkilab-large-log-${computers}-${passes}.jsonl`);
if (!existsSync(file)) writeFileSync(file, `${(await largeLog(computers, passes)).map((e) => JSON.stringify(e)).join('\n')}\n`);

/** Wall time and this process's CPU time: on a shared machine the CPU figure is the steadier one. */
const time = <T>(f: () => T): [T, { wall: number; cpu: number }] => {
  gc();
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  const value = f();
  const used = process.cpuUsage(cpu);
  return [value, { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 }];
};
const perSecond = (count: number, ms: number) => `${(((count / ms) * 1000) / 1e6).toFixed(2)} M/s`;
const rate = (count: number, { wall, cpu }: { wall: number; cpu: number }) =>
  `${String(Math.round(wall)).padStart(5)} ms wall (${perSecond(count, wall)}), ${String(Math.round(cpu)).padStart(5)} ms CPU (${perSecond(count, cpu)})`;

const [entries, parsing] = time(() =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line, i): LogEntry => ({ line: i + 1, event: JSON.parse(line) })),
);
const n = entries.length;
const certificates = entries.filter((e) => (e.event as RecordedEvent).type === 'CertificateIssued').length;
console.log(`${file}: ${n.toLocaleString('en-US')} events, ${certificates.toLocaleString('en-US')} certificates`);
console.log(`  JSON.parse of the lines (for scale)      ${rate(n, parsing)}`);
const check = (label: string, options?: LogCheckOptions) => {
  const [result, ms] = time(() => checkLog(file, entries, options));
  if (result.errors.length > 0 || result.events.length !== n) throw new Error(`expected a clean log, found ${result.errors[0]?.message}`);
  console.log(`  ${label.padEnd(40)} ${rate(n, ms)}`);
};
check('checkLog, first open (cold)');
check('checkLog, opened again (DER memo warm)');
check('checkLog, zod alone (no fast path)', { zodOnly: true });
check('checkLog, again');
const [, folding] = time(() => fold(entries.map((e) => e.event as RecordedEvent)));
console.log(`  fold of the same events (for scale)      ${rate(n, folding)}`);
