// The large lab end to end: `pkilab run` (a process of its own, as a user runs it) on a scenario of N generated
// computers that all autoenroll, each certificate with a key of its own from the key pool, then every certificate
// it wrote checked by `openssl verify` against the lab's CA. Baselines from the same run: raw RSA-2048 signatures
// on one core (what issuance is held to) and key generation on all cores (what the pool saves).
import { execFile, spawn } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { keyPoolFolder } from '../../adapters/keypool/location.ts';
import { folderKeyPool } from '../../adapters/keypool/pool.ts';
import { largeLabYaml } from './engine.ts';
import { bareKeygen } from './keys.ts';
import { figure, fmt, header, ratios, repeat, timed, type BenchContext, type BenchSection } from './measure.ts';

const computers = Number(process.env.BENCH_LAB_COMPUTERS ?? 10_000);
const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

interface LabRun {
  readonly seconds: number;
  readonly certificates: number;
  readonly distinctKeys: number;
  readonly verified: number;
  readonly peakRssMiB: number;
  readonly signaturesPerSecond: number;
}

/** `pkilab run --json` under /usr/bin/time (its peak RSS); the report and the peak in MiB. */
const pkilabRun = async (scenario: string, out: string) => {
  const args = ['-f', 'bench-peak-rss-kib %M', process.execPath, join(root, 'bin/pkilab.mjs'), 'run', scenario, '--out', out, '--json'];
  const child = spawn('/usr/bin/time', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const peak = Number(/bench-peak-rss-kib (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  if (code !== 0) throw new Error(`pkilab run exited ${code}; expected 0.\n${stderr.slice(-2000)}`);
  return { report: JSON.parse(stdout) as RunReport, peak };
};

interface RunReport {
  readonly ok: boolean;
  readonly caCertificate: string;
  readonly certificates: readonly { readonly pem: string; readonly keyFile: string }[];
}

/** How many of the files `openssl verify` accepts against the CA, 500 files to a call. */
const verifyAll = async (ca: string, files: readonly string[]): Promise<number> => {
  let accepted = 0;
  for (let at = 0; at < files.length; at += 500) {
    const chunk = files.slice(at, at + 500);
    const { stdout } = await run('openssl', ['verify', '-CAfile', ca, ...chunk], { maxBuffer: 64 * 2 ** 20 }).catch((error) => error);
    accepted += String(stdout ?? '')
      .split('\n')
      .filter((line) => line.endsWith(': OK')).length;
  }
  return accepted;
};

/** How many different public keys the certificates carry (one pool key per certificate: as many as certificates). */
const distinctPublicKeys = (files: readonly string[]): number =>
  new Set(files.map((f) => new X509Certificate(readFileSync(f)).publicKey.export({ type: 'spki', format: 'der' }).toString('base64'))).size;

/** RSA-2048 SHA-1 signatures a second on one core (the lab's 2008 CA signs with SHA-1), over about a second. */
const rawSignatures = () => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  const key = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
  const tbs = Buffer.alloc(1100, 7);
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 1000) for (let i = 0; i < 20; i += 1, n += 1) sign('sha1', tbs, key);
  return n / ((performance.now() - started) / 1000);
};

/** One run in a fresh folder: the lab, its certificates verified, the folder removed (its keys were the pool's). */
const measureOnce = async (): Promise<LabRun> => {
  const folder = mkdtempSync(join(tmpdir(), 'pkilab-bench-lab-'));
  try {
    const scenario = join(folder, 'large-lab.yaml');
    writeFileSync(scenario, largeLabYaml(computers, 'large-lab'));
    const signaturesPerSecond = rawSignatures();
    const [{ report, peak }, ms] = await timed(() => pkilabRun(scenario, join(folder, 'lab')));
    const verified = await verifyAll(
      report.caCertificate,
      report.certificates.map((c) => c.pem),
    );
    return {
      seconds: ms / 1000,
      certificates: report.certificates.length,
      distinctKeys: distinctPublicKeys(report.certificates.map((c) => c.pem)),
      verified,
      peakRssMiB: peak,
      signaturesPerSecond,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/**
 * Runs the pool can pay for (each takes N + 4 keys), at most the runs asked, said aloud when fewer. A pool too small
 * for one run skips the section (generating 10,000 keys on the spot takes hours here) unless BENCH_LAB_GENERATE=1.
 */
const plannedRuns = async (context: BenchContext): Promise<number> => {
  const pool = keyPoolFolder();
  const held = (await folderKeyPool(pool).count())[2048] ?? 0;
  const perRun = computers + 4; // the seed computers that autoenroll too, and the CA
  const runs = Math.min(context.runs, Math.floor(held / perRun));
  context.out(`  key pool ${pool} (PKILAB_KEY_POOL): ${fmt(held)} RSA-2048 keys, ${fmt(perRun)} used by each run`);
  if (runs === 0 && process.env.BENCH_LAB_GENERATE !== '1') {
    context.out(`  skipped: the pool is ${fmt(perRun - held)} keys short (pkilab keys fill ${perRun - held}, or BENCH_LAB_GENERATE=1)`);
  } else if (runs === 0) {
    context.out(`  the pool is ${fmt(perRun - held)} keys short: those are generated on the spot, inside the timing`);
  } else if (runs < context.runs) {
    context.out(`  ${runs} run(s), not ${context.runs}: each key is used once, and the pool holds keys for ${runs}`);
  }
  return runs === 0 && process.env.BENCH_LAB_GENERATE === '1' ? 1 : runs;
};

const report = (context: BenchContext, runs: readonly LabRun[], keygen: number) => {
  context.out(
    figure(
      `pkilab run, ${fmt(computers)} computers`,
      runs.map((r) => r.seconds),
      's',
      { digits: 1, target: computers === 10_000 ? '≤ 30 s' : undefined },
    ),
  );
  const rates = runs.map((r) => r.certificates / r.seconds);
  context.out(figure('certificates issued a second (whole run)', rates, 'certs/s'));
  context.out(
    figure(
      'peak RSS of pkilab run',
      runs.map((r) => r.peakRssMiB),
      'MiB',
      { target: '≤ 1,536 MiB' },
    ),
  );
  context.out(
    figure(
      'baseline raw RSA-2048 signatures, one core',
      runs.map((r) => r.signaturesPerSecond),
      'sigs/s',
    ),
  );
  context.out(
    ratios(
      'ratio certificates / raw signatures',
      rates,
      runs.map((r) => r.signaturesPerSecond),
    ),
  );
  context.out(
    `  baseline keygen on all ${availableParallelism()} cores: ${fmt(keygen, 1)} keys/s, so ${fmt(computers / keygen)} s for the lab's keys`,
  );
  for (const [i, r] of runs.entries()) {
    const all = r.verified === r.certificates ? 'all' : `ONLY ${fmt(r.verified)} of`;
    context.out(
      `  run ${i + 1}: ${all} ${fmt(r.certificates)} certificates accepted by openssl verify; ${fmt(r.distinctKeys)} distinct public keys`,
    );
  }
};

export const section: BenchSection = {
  name: 'lab',
  title: 'lab: pkilab run of generated computers, real keys from the pool and real certificates',
  order: 27,
  async run(context) {
    const buildState = pathToFileURL(join(root, 'bin/build-state.mjs')).href;
    const built = ((await import(buildState)) as { freshEntry: (root: string) => string | undefined }).freshEntry(root);
    header(
      context,
      this.title,
      `${fmt(computers)} computers (BENCH_LAB_COMPUTERS), pkilab from ${built ? 'the build' : 'the sources (tsx)'}`,
    );
    const runs = await plannedRuns(context);
    if (runs === 0) return;
    const [, keygenMs] = await timed(() => bareKeygen(availableParallelism() * 2));
    const results = await repeat(runs, measureOnce);
    report(context, results, (availableParallelism() * 2) / (keygenMs / 1000));
  },
};
