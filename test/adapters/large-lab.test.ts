import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { largeLabYaml } from '../../scripts/bench/engine.ts';
import { runJson, tempDir } from '../support/cli.ts';

const large = suite('a lab of generated computers through pkilab run');
const run = promisify(execFile);

interface Certificate {
  readonly host: string;
  readonly dnsNames: readonly string[];
  readonly pem: string;
  readonly keyFile: string;
}

large('24 generated computers each autoenroll a certificate that openssl verify accepts, each with a key of its own', async () => {
  const scenario = join(await tempDir(), 'large-lab.yaml');
  await writeFile(scenario, largeLabYaml(24, 'large-lab'));
  const { code, err, report } = await runJson(scenario);
  assert.is(code, 0, err);
  const certificates = report.certificates as Certificate[];
  const generated = certificates.filter((c) => /^PC\d+$/.test(c.host));
  assert.equal(
    generated.map((c) => c.host).sort(),
    Array.from({ length: 24 }, (_, i) => `PC${String(i + 1).padStart(4, '0')}`),
    'one certificate for each generated computer, named PC0001 to PC0024',
  );
  for (const c of generated) assert.equal(c.dnsNames, [`${c.host.toLowerCase()}.contoso.com`]);
  // A sample (every fourth) checked by openssl against the lab's CA; all of them in npm run bench -- lab.
  const sample = generated.filter((_, i) => i % 4 === 0).map((c) => c.pem);
  const { stdout } = await run('openssl', ['verify', '-CAfile', report.caCertificate, ...sample]);
  assert.equal(
    stdout.trim().split('\n'),
    sample.map((pem) => `${pem}: OK`),
  );
  const keys = await Promise.all(
    generated.map(async (c) =>
      new X509Certificate(await readFile(c.pem)).publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    ),
  );
  assert.is(new Set(keys).size, 24, 'no two computers share a key');
  assert.is(new Set(generated.map((c) => c.keyFile)).size, 24);
});

large.run();
