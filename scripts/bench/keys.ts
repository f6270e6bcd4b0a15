// The key pool: a cold pool filled on every core beside the physical limit (bare keygen on every core, no
// files), and a lab key from a warm pool beside one generated on the spot.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fillPool } from '../../adapters/keypool/fill.ts';
import { folderKeyPool } from '../../adapters/keypool/pool.ts';
import { pooledKeys } from '../../adapters/keypool/source.ts';
import { fileKeyStore } from '../../adapters/keystore/files.ts';
import { figure, header, ratios, repeat, timed, type BenchSection } from './measure.ts';
import { KeyRef } from '../../domain/index.ts';

const cores = availableParallelism();
const perRun = Number(process.env.BENCH_KEYS ?? cores * 8);

/** The physical limit: RSA-2048 key generation in one worker per core, keys thrown away. */
export const bareKeygen = (count: number) =>
  Promise.all(
    Array.from({ length: cores }, (_, w) => {
      const share = Math.floor(count / cores) + (w < count % cores ? 1 : 0);
      const worker = new Worker(
        `const { generateKeyPairSync } = require('node:crypto'); const { workerData, parentPort } = require('node:worker_threads');
         for (let i = 0; i < workerData; i++) generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
         parentPort.postMessage('done');`,
        { eval: true, workerData: share },
      );
      return new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject)).finally(() => worker.terminate());
    }),
  );

/** One run: bare keygen and a pool fill in a fresh folder, then lab keys taken from the warm pool and made on the spot. */
const measureOnce = async () => {
  const folder = mkdtempSync(join(tmpdir(), 'pkilab-bench-pool-'));
  try {
    const pool = folderKeyPool(folder);
    const [, bare] = await timed(() => bareKeygen(perRun));
    const [, fill] = await timed(() => fillPool(pool, perRun, 2048));
    // A lab's key store taking keys from the warm pool, beside generating each on the spot (one at a time, as a lab does;
    // as a lab's ports do, the placed keys are flushed once, before the append that would name them).
    const store = fileKeyStore(join(folder, 'lab-keys'), pooledKeys(pool), { deferSync: true });
    const takes = Math.min(perRun, 8);
    const [, warm] = await timed(async () => {
      for (let i = 0; i < takes; i += 1) await store.generate(KeyRef(`warm-${i}`), 2048);
      await store.flush();
    });
    const spot = fileKeyStore(join(folder, 'spot-keys'));
    const [, cold] = await timed(async () => {
      for (let i = 0; i < takes; i += 1) await spot.generate(KeyRef(`spot-${i}`), 2048);
    });
    return { fillRate: perRun / (fill / 1000), bareRate: perRun / (bare / 1000), warmMs: warm / takes, coldMs: cold / takes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

export const section: BenchSection = {
  name: 'keys',
  title: 'keys: the key pool',
  order: 20,
  async run(context) {
    header(context, this.title, `${perRun} RSA-2048 keys per run on ${cores} cores`);
    const runs = await repeat(context.runs, measureOnce);
    context.out(
      figure(
        'cold pool: pkilab keys fill',
        runs.map((r) => r.fillRate),
        'keys/s',
        { digits: 1 },
      ),
    );
    context.out(
      figure(
        'baseline keygen on all cores (no files)',
        runs.map((r) => r.bareRate),
        'keys/s',
        { digits: 1 },
      ),
    );
    context.out(
      ratios(
        'ratio fill / physical limit',
        runs.map((r) => r.fillRate),
        runs.map((r) => r.bareRate),
      ),
    );
    context.out(
      figure(
        'lab key from the warm pool',
        runs.map((r) => r.warmMs),
        'ms/key',
        { digits: 2 },
      ),
    );
    context.out(
      figure(
        'lab key generated on the spot',
        runs.map((r) => r.coldMs),
        'ms/key',
        { digits: 1 },
      ),
    );
  },
};
