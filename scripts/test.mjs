#!/usr/bin/env node
// The test command: build, type-check and lint (scripts/lint.mjs), then every uvu suite under test/ in parallel lanes (one process per
// core, each taking the next file as it finishes one, the slowest files first), each file's output printed as
// it finishes, then one plain summary line `N passed, N failed` (the line CI reads).
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** uvu's colours off; FORCE_COLOR would override NO_COLOR (and Node warns about both). */
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR')), NO_COLOR: '1' };
// Labs made by the tests draw keys from a pool of the tests' own, never from the user's (pkilab keys). It is kept
// between runs (node_modules/.cache, which npm ci empties): each key is still handed out once, and the keys one run
// did not take are the next run's, instead of being generated and thrown away.
const keyPool = resolve(process.env.PKILAB_TEST_KEY_POOL ?? 'node_modules/.cache/pkilab/test-keys');
env.PKILAB_KEY_POOL = keyPool;
const started = performance.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// The CLI runs from its build (bin/pkilab.mjs), so the tests run the build of this very tree.
const built = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { encoding: 'utf8', env });
process.stderr.write(built.stderr);
const buildFailed = built.status === 0 ? 0 : 1;
console.log(buildFailed ? 'build: FAILED (pkilab runs from the sources through tsx)' : 'build: ok');

// Keys for the labs the tests make are generated ahead, at the lowest priority, so that key generation uses the
// time the cores would otherwise wait (on child processes, terminals, disks) instead of holding up a test: a batch
// whenever the pool holds fewer than a run takes (about 250 keys), none beyond that (each key costs ~0.25 s of CPU).
const keysAhead = 300;
const keysIn = () => {
  try {
    return readdirSync(join(keyPool, 'rsa-2048')).filter((name) => name.endsWith('.key')).length;
  } catch {
    return 0;
  }
};
// A fresh clone (CI) starts with an empty pool: it is first stocked from test/fixtures/test-keys.pem, real RSA-2048
// keys made once for the tests (they guard nothing: never use them outside a test run), so that a run does not spend
// ~75 s of CPU generating them. Each is still handed out once in a run; a later run may be stocked with the same keys.
const stockFromFixtures = () => {
  const missing = keysAhead - keysIn();
  if (missing <= 0) return;
  const folder = join(keyPool, 'rsa-2048');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const blocks = readFileSync('test/fixtures/test-keys.pem', 'utf8').split(/(?=-----BEGIN PRIVATE KEY-----)/);
  const present = new Set(readdirSync(folder));
  let added = 0;
  for (const [i, block] of blocks.entries()) {
    const name = `fixture-${String(i).padStart(3, '0')}.key`;
    if (added >= missing || present.has(name) || !block.includes('BEGIN PRIVATE KEY')) continue;
    writeFileSync(join(folder, name), block, { mode: 0o600, flag: 'wx' });
    added += 1;
  }
};
stockFromFixtures();
let filler;
let filling = true;
const topUp = () => {
  if (filler || !filling || keysIn() >= keysAhead) return;
  filler = spawn('nice', ['-n', '19', process.execPath, 'bin/pkilab.mjs', 'keys', 'fill', '40', '--json'], { env, stdio: 'ignore' });
  filler.on('error', () => undefined); // no `nice`: the labs generate their keys on the spot
  filler.on('exit', () => ((filler = undefined), topUp()));
};
const topUpTimer = setInterval(topUp, 2000);
topUp();

// The type check and the linter run beside the tests; their results are printed at the end.
const check = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
// Incremental: what the last run checked and found is kept in node_modules/.cache (a file changed since is checked
// again, with what depends on it; the errors of files not changed are reported again): ~2 s of CPU instead of ~13.
mkdirSync('node_modules/.cache/pkilab', { recursive: true });
const tsBuildInfo = 'node_modules/.cache/pkilab/tsc.tsbuildinfo';
const typeCheck = check(['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', tsBuildInfo]);
// Lint: oxlint's limits against the ratchet (scripts/lint/baseline.json) and Biome's format check.
const lintCheck = check(['scripts/lint.mjs']);

const pattern = new RegExp(process.argv[2] ?? '\\.test\\.ts$', 'i');
const files = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const tests = files('test')
  .map((file) => ({ file, name: relative('test', file) }))
  .filter(({ name }) => /\.test\.ts$/.test(name) && pattern.test(name));

/** How long each file took last time (kept in node_modules/.cache): the slowest start first, unknown files before known ones. */
const cacheFile = 'node_modules/.cache/pkilab/test-durations.json';
let durations = {};
try {
  durations = JSON.parse(readFileSync(cacheFile, 'utf8'));
} catch {
  // first run here: every file is unknown
}
const estimate = ({ name, file }) => durations[name] ?? 1e9 + statSync(file).size;
const queue = [...tests].sort((a, b) => estimate(b) - estimate(a));

const fileLimit = Number(process.env.PKILAB_TEST_FILE_LIMIT_S ?? 900) * 1000;
const lanes = Math.max(1, Math.min(Number(process.env.PKILAB_TEST_JOBS) || Math.max(2, availableParallelism()), queue.length));
const totals = { passed: 0, failed: 0, skipped: 0 };
let finished = 0;

const report = (result) => {
  finished += 1;
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
  durations[result.name] = Math.round(result.ms);
  const verdict = result.failed ? `FAILED ${result.failed}` : `${result.passed} passed`;
  // CPU of the lane itself while the file ran (processes the file started are not in it).
  const cpu = result.cpuMs === undefined ? '' : `, ${seconds(result.cpuMs)} CPU in the lane`;
  const line = `[${finished}/${tests.length}] ${result.name}: ${verdict} in ${seconds(result.ms)}${cpu}`;
  process.stdout.write(`${result.output.trimEnd()}\n${line}\n\n`);
};

/** A lane: one process that runs files until the queue is empty; a lane that dies fails its file and a new one takes over. */
const lane = () =>
  new Promise((resolve) => {
    const child = fork('scripts/test-lane.mjs', [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let current;
    let limit;
    const next = () => {
      clearTimeout(limit);
      current = queue.shift();
      if (current) {
        // A file that hangs fails after the limit instead of holding the run forever.
        limit = setTimeout(() => ((current.timedOut = true), child.kill('SIGKILL')), fileLimit);
        current.sentAt = performance.now();
        return child.send(current);
      }
      child.disconnect();
      // Every file has reported; a handle a test left open (a server, a pool) must not keep the run waiting.
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    };
    child.on('message', (message) => {
      if (!message.ready) report(message);
      next();
    });
    child.on('exit', (code, signal) => {
      if (current && child.connected !== true) {
        clearTimeout(limit);
        const why = current.timedOut ? `took longer than ${seconds(fileLimit)}` : `exited (${signal ?? `code ${code}`})`;
        const ms = performance.now() - current.sentAt;
        report({ name: current.name, output: `the lane running ${current.name} ${why}`, passed: 0, failed: 1, skipped: 0, ms });
        current = undefined;
        lane().then(resolve);
      } else resolve();
    });
  });

await Promise.all(Array.from({ length: lanes }, lane));
mkdirSync('node_modules/.cache/pkilab', { recursive: true });
writeFileSync(cacheFile, `${JSON.stringify(durations, null, 1)}\n`);
filling = false;
clearInterval(topUpTimer);
filler?.kill();

const tsc = await typeCheck;
process.stdout.write(tsc.output);
console.log(tsc.ok ? 'type check: ok' : 'type check: FAILED');
const lint = await lintCheck;
process.stdout.write(lint.ok ? '' : lint.output);
console.log(lint.ok ? 'lint: ok' : 'lint: FAILED (npm run lint)');
console.log(`${tests.length} files in ${lanes} lanes, ${seconds(performance.now() - started)}`);

const passed = totals.passed + (tsc.ok ? 1 : 0) + (lint.ok ? 1 : 0);
const failed = totals.failed + (tsc.ok ? 0 : 1) + (lint.ok ? 0 : 1) + buildFailed + (tests.length === 0 ? 1 : 0);
console.log(`${passed} passed, ${failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
