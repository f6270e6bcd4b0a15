import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KeyPool } from './pool.ts';

/**
 * The worker's code, given as text so that it runs the same from the sources and from the build: it makes one
 * RSA key per request and sends back its PKCS#8 DER as base64.
 */
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { generateKeyPairSync } = require('node:crypto');
parentPort.on('message', () => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: workerData.size, publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  parentPort.postMessage(privateKey.toString('base64'));
});
`;

interface FillOptions {
  /** Worker threads; one per core unless told. */
  readonly threads?: number;
  /** Called after each key is in the pool, with how many are in so far. */
  readonly onKey?: (added: number) => void;
}

/**
 * Adds `count` fresh RSA keys of `size` bits to the pool, made by worker threads on every core. Each key is in
 * the pool as soon as it is made, so an interrupted fill keeps what it made. Resolves to the number added.
 */
export const fillPool = async (pool: KeyPool, count: number, size: number, options: FillOptions = {}): Promise<number> => {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), count));
  let requested = 0;
  let added = 0;
  const workers = Array.from({ length: threads }, () => new Worker(workerCode, { eval: true, workerData: { size } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              if (requested >= count) return resolve();
              requested += 1;
              worker.postMessage(null);
            };
            worker.on('message', (pkcs8: string) => {
              pool.add(size, pkcs8).then(() => {
                added += 1;
                options.onKey?.(added);
                next();
              }, reject);
            });
            worker.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return added;
};
