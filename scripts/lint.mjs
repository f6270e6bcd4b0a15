#!/usr/bin/env node
// npm run lint: oxlint with the size limits (.oxlintrc.json: line width, file and function size, complexity,
// parameters, nesting), then Biome's format check (biome.json) unless --no-format. Exit 0 when both pass, 1 otherwise.
// npm run format writes Biome's formatting instead.
import { spawnSync } from 'node:child_process';

const checkFormat = !process.argv.includes('--no-format');
const run = (bin, args) => spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' }).status === 0;

const linted = run('node_modules/oxlint/bin/oxlint', ['--format', 'unix', '.']);
console.log(linted ? 'lint: ok' : 'lint: FAILED (limits in .oxlintrc.json)');
const formatted = !checkFormat || run('node_modules/@biomejs/biome/bin/biome', ['format', '--reporter=summary', '.']);
if (checkFormat) console.log(formatted ? 'format: ok' : 'format: FAILED (npm run format rewrites the files)');
// Dead exports are reported, not refused: the list (with the reason each stays) is for whoever owns the file.
const dead = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint/dead-exports.ts'], { encoding: 'utf8' });
const deadCount = dead.stdout.trim().split('\n').pop();
console.log(`${deadCount ?? 'dead exports: not counted'} (node --import tsx scripts/lint/dead-exports.ts lists them)`);
process.exit(linted && formatted ? 0 : 1);
