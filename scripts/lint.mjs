#!/usr/bin/env node
// npm run lint: oxlint with the size limits (.oxlintrc.json: line width, file and function size, complexity,
// parameters, nesting), then Biome's format check (biome.json) unless --no-format. Exit 0 when both pass, 1 otherwise.
// npm run format writes Biome's formatting instead.
import { spawnSync } from 'node:child_process';
import { compare, countDeadExports, countErrors, mergeCounts, readBaseline, writeBaseline } from './lint/baseline.mjs';

const checkFormat = !process.argv.includes('--no-format');
const run = (bin, args) => spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' }).status === 0;

// oxlint's errors are held against the ratchet (scripts/lint/baseline.mjs): the offenders counted when the limits were
// switched on may stay until fixed, nothing new may come, and the list only shrinks; so are the dead exports.
const oxlint = spawnSync(process.execPath, ['node_modules/oxlint/bin/oxlint', '--format', 'unix', '.'], {
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
if (oxlint.error || oxlint.status === null || oxlint.status > 1) {
  console.log(`lint: FAILED (oxlint did not run: ${oxlint.error?.message ?? oxlint.stderr.trim()})`);
  process.exit(1);
}
// Dead exports are held by the same ratchet, per file: a file may not gain one.
const dead = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint/dead-exports.ts'], { encoding: 'utf8', maxBuffer: 16 << 20 });
const deadCount = dead.status === 0 ? /^(\d+) dead exports$/m.exec(dead.stdout)?.[1] : undefined;
if (deadCount === undefined) {
  console.log(`lint: FAILED (the dead-export finder did not run: ${dead.error?.message ?? dead.stderr.trim()})`);
  process.exit(1);
}
const counts = mergeCounts(countErrors(oxlint.stdout), countDeadExports(dead.stdout));
if (process.argv.includes('--update-baseline')) writeBaseline(counts);
const problems = compare(counts, readBaseline());
for (const problem of problems) console.log(problem);
const allowed = Object.values(counts)
  .flatMap((rules) => Object.values(rules))
  .reduce((a, b) => a + b, 0);
const linted = problems.length === 0;
console.log(linted ? `lint: ok (${allowed} offence(s) left in scripts/lint/baseline.json)` : 'lint: FAILED (limits in .oxlintrc.json)');
const formatted = !checkFormat || run('node_modules/@biomejs/biome/bin/biome', ['format', '--reporter=summary', '.']);
if (checkFormat) console.log(formatted ? 'format: ok' : 'format: FAILED (npm run format rewrites the files)');
console.log(`${deadCount} dead exports, held by the ratchet (node --import tsx scripts/lint/dead-exports.ts lists them)`);
process.exit(linted && formatted ? 0 : 1);
