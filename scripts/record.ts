// Records the regression logs of test/recorded/: runs each scenario into a temporary lab and exports it
// with its keys. Run it (npm run record) only when a change to the rules is meant to change outcomes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../adapters/cli/main.ts';

const scenarios = [
  'iis-web-server-certificate',
  'iis-no-restart',
  'client-template-not-issued',
  'cloud-dp-wrong-password',
  'amt-certificates',
  'mac-certificate-with-san',
  // A year of simulated time: renewals, a revocation and re-enrollment, 52 base and 361 delta CRLs.
  'lab-year',
];
const quiet = { out: () => undefined, err: (line: string) => process.stderr.write(`${line}\n`) };
for (const name of [...scenarios, 'seed-deployment']) {
  const out = mkdtempSync(join(tmpdir(), 'pkilab-record-'));
  const args =
    name === 'seed-deployment' ? ['run', '--all', '--out', out, '--json'] : ['run', `scenarios/${name}.yaml`, '--out', out, '--json'];
  const code = await main(args, quiet);
  if (code !== 0) throw new Error(`${name} did not run to its expectations (exit ${code})`);
  await main(['travel', join(out, 'lab.jsonl'), 'export', `test/recorded/${name}.json`, '--force'], quiet);
  console.log(`recorded test/recorded/${name}.json`);
}
