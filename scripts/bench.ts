// npm run bench [-- SECTION…] — each figure of issue 13 measured at least three times (min / median / max), every
// one beside a baseline measured in the same run, on this machine. Sections are the files in scripts/bench/
// that export `section` (see scripts/bench/measure.ts); BENCH_RUNS sets the number of runs (3 at least).
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fmt, type BenchSection } from './bench/measure.ts';

const folder = fileURLToPath(new URL('./bench/', import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const runs = Math.max(3, Number(process.env.BENCH_RUNS ?? 3) || 3);

const files = readdirSync(folder)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const modules = await Promise.all(files.map(async (f) => (await import(`./bench/${f}`)) as { section?: BenchSection }));
const sections = modules.flatMap((m) => (m.section ? [m.section] : [])).sort((a, b) => a.order - b.order);
const unknown = wanted.filter((w) => !sections.some((s) => s.name === w) && w !== 'postgres');
if (unknown.length > 0) {
  console.error(`npm run bench: unknown section ${unknown.join(', ')}; expected some of ${sections.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const memory = `${fmt(totalmem() / 2 ** 30, 1)} GiB`;
console.log(`machine: ${cpu}, ${availableParallelism()} cores, ${memory}, Node ${process.version}, load ${load} at start`);
const out = (line: string) => console.log(line);
for (const section of sections.filter((s) => wanted.length === 0 || wanted.includes(s.name))) await section.run({ runs, out });

// PostgreSQL: appends from many writers, followers, lost and duplicated counts (scripts/bench-postgres.ts, when present).
const postgres = fileURLToPath(new URL('./bench-postgres.ts', import.meta.url));
if (existsSync(postgres) && (wanted.length === 0 || wanted.includes('postgres'))) {
  await ((await import(postgres)) as { benchPostgres: () => Promise<void> }).benchPostgres();
}
