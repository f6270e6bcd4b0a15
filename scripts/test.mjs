#!/usr/bin/env node
// The test command: type-check, then every uvu suite under test/, then one plain summary line.
import { spawnSync } from 'node:child_process';

/** uvu's colours off; FORCE_COLOR would override NO_COLOR (and Node warns about both). */
const withoutForceColor = (env) => Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'FORCE_COLOR'));

const run = (command, args) => spawnSync(command, args, { encoding: 'utf8', env: { ...withoutForceColor(process.env), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

// The CLI runs from its build (bin/pkilab.mjs), so the tests run the build of this very tree.
const built = run(process.execPath, ['scripts/build.mjs', '--quiet']);
process.stderr.write(built.stderr);
const buildFailed = built.status === 0 ? 0 : 1;
if (buildFailed) console.log('build: FAILED (pkilab runs from the sources through tsx)');

const tsc = run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
process.stdout.write(tsc.stdout);
process.stderr.write(tsc.stderr);
const typeCheck = tsc.status === 0 ? 1 : 0;
console.log(tsc.status === 0 ? 'type check: ok' : 'type check: FAILED');

const pattern = process.argv[2] ?? '\\.test\\.ts$';
const uvu = run(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern]);
process.stdout.write(uvu.stdout);
process.stderr.write(uvu.stderr);

const count = (label) => Number(uvu.stdout.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? NaN);
const total = count('Total');
const passed = count('Passed');
const skipped = count('Skipped');
let failed = total - passed - (Number.isNaN(skipped) ? 0 : skipped);
if (Number.isNaN(total)) failed = 1;
if (uvu.status !== 0 && failed === 0) failed = 1;

const passedAll = (Number.isNaN(passed) ? 0 : passed) + typeCheck;
const failedAll = failed + (1 - typeCheck) + buildFailed;
console.log(`${passedAll} passed, ${failedAll} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failedAll === 0 ? 0 : 1);
