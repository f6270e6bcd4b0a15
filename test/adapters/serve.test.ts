import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../support/cli.ts';
import { servedLab, tool } from '../support/served.ts';

const serve = suite('pkilab serve, probed by real clients (openssl s_client, curl)');
const sha256 = await servedLab('scenarios/ca-ksp-sha256.yaml');
const sha1 = await servedLab('scenarios/iis-web-server-certificate.yaml');
const tmp = await tempDir('pkilab-serve-');

type Lab = typeof sha256;
/** curl's arguments that send `name` to the lab's https port (the URL keeps the name). */
const resolve = (lab: Lab, name: string) => ['--resolve', `${name}:${lab.httpsPort}:127.0.0.1`, `https://${name}:${lab.httpsPort}/`];
/** curl's arguments for a path under http://ca1.contoso.com on the lab's http port. */
const ca1 = (lab: Lab, path: string) => [
  '--resolve',
  `ca1.contoso.com:${lab.httpPort}:127.0.0.1`,
  `http://ca1.contoso.com:${lab.httpPort}${path}`,
];
const sClient = (lab: Lab, name: string, ...extra: string[]) =>
  tool('openssl', [
    's_client',
    '-connect',
    `127.0.0.1:${lab.httpsPort}`,
    '-servername',
    name,
    '-CAfile',
    lab.caPem,
    '-verify_hostname',
    name,
    '-verify_return_error',
    '-brief',
    ...extra,
  ]);

serve(
  "openssl s_client verifies the SHA-256 lab's binding for both of SERVER1's names, and refuses a name not in the certificate",
  async () => {
    for (const name of ['server1.internal.contoso.com', 'server.contoso.com']) {
      const result = await sClient(sha256, name);
      assert.is(result.code, 0, result.stderr);
      assert.match(result.stderr + result.stdout, /Verification: OK/);
    }
    const wrong = await sClient(sha256, 'intruder.contoso.com');
    assert.is.not(wrong.code, 0);
    assert.match(wrong.stderr + wrong.stdout, /hostname mismatch/);
  },
);

serve(
  "the default 2008 lab signs SHA-1: s_client refuses the chain at OpenSSL 3's default level and verifies it at SECLEVEL=0",
  async () => {
    const today = await sClient(sha1, 'server1.internal.contoso.com');
    assert.is.not(today.code, 0);
    assert.match(today.stderr + today.stdout, /CA signature digest algorithm too weak/);
    const era = await sClient(sha1, 'server1.internal.contoso.com', '-cipher', 'DEFAULT:@SECLEVEL=0');
    assert.is(era.code, 0, era.stderr);
    assert.match(era.stderr + era.stdout, /Verification: OK/);
  },
);

serve("curl --resolve with the lab CA loads the page; a name outside the certificate fails with curl's exit 60", async () => {
  const page = await tool('curl', ['-sS', '--cacert', sha256.caPem, ...resolve(sha256, 'server1.internal.contoso.com')]);
  assert.is(page.code, 0, page.stderr);
  assert.match(page.stdout, /<title>IIS: SERVER1 Default Web Site<\/title>/);
  const wrong = await tool('curl', ['-sS', '--cacert', sha256.caPem, ...resolve(sha256, 'intruder.contoso.com')]);
  assert.is(wrong.code, 60);
  assert.match(wrong.stderr, /no alternative certificate subject name matches/);
  const weak = await tool('curl', ['-sS', '--cacert', sha1.caPem, ...resolve(sha1, 'server1.internal.contoso.com')]);
  assert.is(weak.code, 60, 'curl refuses the SHA-1 chain at its default security level');
  const era = await tool('curl', [
    '-sS',
    '--cacert',
    sha1.caPem,
    '--ciphers',
    'DEFAULT:@SECLEVEL=0',
    ...resolve(sha1, 'server1.internal.contoso.com'),
  ]);
  assert.is(era.code, 0, era.stderr);
});

serve("the CA certificate is served at its AIA path, byte for byte the lab's CA certificate", async () => {
  const aia = await tool('curl', ['-sS', '--fail', ...ca1(sha256, '/CertEnroll/ca1.contoso.com_contoso-CA1-CA.crt')]);
  assert.is(aia.code, 0, aia.stderr);
  const authority = Object.values(sha256.world.ca.authorities)[0]!;
  assert.is(Buffer.from(aia.stdout, 'latin1').toString('base64'), authority.certificate);
  const missing = await tool('curl', ['-sS', '--fail', ...ca1(sha256, '/CertEnroll/../keys/x.key')]);
  assert.is(missing.code, 22, 'nothing outside the published files is served');
});

/** Fetches the lab's base CRL from its CDP over http and writes it as PEM, the form curl --crlfile reads. */
const baseCrlPem = async (lab: Lab, name: string): Promise<string> => {
  const path = lab.published.files.map((f) => f.path).find((p) => /CA\.crl$/.test(p))!;
  const der = join(tmp, `${name}.crl`);
  await tool('curl', ['-sS', '--fail', '-o', der, ...ca1(lab, path)]);
  const pem = join(tmp, `${name}.crl.pem`);
  await tool('openssl', ['crl', '-inform', 'DER', '-in', der, '-out', pem]);
  return pem;
};

serve('curl --crlfile with the base CRL fetched from the CDP over http accepts the good certificate', async () => {
  assert.ok(
    sha256.published.files.some((f) => /CA\.crl$/.test(f.path)),
    'the lab publishes a base CRL in artifacts/CertEnroll',
  );
  const crl = await baseCrlPem(sha256, 'good');
  assert.match(await readFile(crl, 'utf8'), /BEGIN X509 CRL/);
  const page = await tool('curl', ['-sS', '--cacert', sha256.caPem, '--crlfile', crl, ...resolve(sha256, 'server1.internal.contoso.com')]);
  assert.is(page.code, 0, page.stderr);
});

serve('after the IIS certificate is revoked and a CRL published, curl --crlfile refuses the site that still presents it', async () => {
  // crl-revocation.yaml on a SHA-256 CA, starting a day ago: its CRL is current by the real clock curl uses.
  const text = (await readFile('scenarios/crl-revocation.yaml', 'utf8')).replace(
    /lab:\n {2}startsAt: \S+\n/,
    'lab:\n  ca: { provider: KSP, hashAlgorithm: SHA256 }\n',
  );
  const file = join(tmp, 'crl-revocation-sha256.yaml');
  await writeFile(file, text);
  const revoked = await servedLab(file);
  try {
    const crl = await baseCrlPem(revoked, 'revoked');
    const refused = await tool('curl', [
      '-sS',
      '--cacert',
      revoked.caPem,
      '--crlfile',
      crl,
      ...resolve(revoked, 'server1.internal.contoso.com'),
    ]);
    assert.is(refused.code, 60, refused.stderr);
    assert.match(refused.stderr, /certificate revoked/);
    const unchecked = await tool('curl', ['-sS', '--cacert', revoked.caPem, ...resolve(revoked, 'server1.internal.contoso.com')]);
    assert.is(unchecked.code, 0, 'a client that does not check revocation still connects');
  } finally {
    await revoked.running.close();
  }
});

serve.after(async () => {
  await sha256.running.close();
  await sha1.running.close();
});

serve.run();
