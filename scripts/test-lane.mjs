// One lane of `npm test` (run with `node --import tsx`): takes test files from its parent one at a time over
// IPC, runs each file's uvu suites, and answers with the file's counts, output and time. Files in a lane share
// the process, as they did when one uvu process ran them all.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

globalThis.UVU_DEFER = 1;
globalThis.UVU_QUEUE = globalThis.UVU_QUEUE ?? [];
const uvu = await import('uvu');

/** Runs `work` while keeping what it writes to stdout and stderr (uvu writes through process.stdout). */
const capture = async (work) => {
  const chunks = [];
  const originals = [process.stdout.write, process.stderr.write];
  const keep = (chunk, encoding, callback) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
  process.stdout.write = keep;
  process.stderr.write = keep;
  try {
    await work();
  } catch (error) {
    chunks.push(`\n${error?.stack ?? error}\n`);
    chunks.push('\n  Total:     1\n  Passed:    0\n  Skipped:   0\n');
  } finally {
    [process.stdout.write, process.stderr.write] = originals;
  }
  return chunks.join('');
};

const cpuMs = ({ user, system }) => (user + system) / 1000;
const count = (output, label) => Number(output.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? NaN);

process.on('message', async ({ name, file }) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  globalThis.UVU_QUEUE.length = 0;
  globalThis.UVU_INDEX = 0;
  globalThis.UVU_QUEUE.push([name]);
  process.exitCode = 0;
  const output = await capture(async () => {
    await import(pathToFileURL(file).href);
    await uvu.exec(false);
  });
  const [total, passed, skipped] = ['Total', 'Passed', 'Skipped'].map((label) => count(output, label));
  const failed = Number.isNaN(total) ? 1 : total - passed - (skipped || 0) || (process.exitCode ? 1 : 0);
  process.exitCode = 0;
  const times = { ms: performance.now() - started, cpuMs: cpuMs(process.cpuUsage(cpu)) };
  process.send({ name, output, passed: passed || 0, failed, skipped: skipped || 0, ...times });
});
process.send({ ready: true });
