import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { opensslPfxFiles } from '../../adapters/pfx/openssl.ts';
import { toPem } from '../../adapters/keystore/rsa.ts';
import { memorySecretStore } from '../../adapters/secrets/memory.ts';
import { isPfxFilesError } from '../../workflows/index.ts';
import { freshLab } from '../support/ports.ts';
import { tempDir } from '../support/cli.ts';

const pfx = suite('adapters/pfx openssl');
const windows = { friendlyName: '{0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9}', providerName: 'Microsoft RSA SChannel Cryptographic Provider' };
const aes = { encryption: 'AES256-SHA256', ...windows } as const;
const legacy = { encryption: 'TripleDES-SHA1', ...windows } as const;
const { ports, lab } = await freshLab();
const authority = Object.values(lab.world.ca.authorities)[0]!;
const folder = await tempDir('pkilab-pfx-');
const files = opensslPfxFiles(folder, ports.keys);
await files.write('ca.pfx', { certificate: authority.certificate, chain: [], keyRef: authority.keyRef }, 'Pa55w.rd-test', aes);

pfx('reads back what it wrote: thumbprint, subject, key present and matching', async () => {
  const facts = await files.read('ca.pfx', 'Pa55w.rd-test');
  assert.ok(facts.readable);
  if (!facts.readable) return;
  assert.is(facts.thumbprint, authority.thumbprint);
  assert.is(facts.subject, 'CN=contoso-CA1-CA, DC=contoso, DC=com');
  assert.ok(facts.hasPrivateKey && facts.keyMatchesCertificate);
  assert.is(facts.keySize, 2048);
});

pfx('a wrong password is told apart from a file that is not a PFX and from a missing file', async () => {
  assert.equal(await files.read('ca.pfx', 'wrong'), {
    readable: false,
    problem: 'wrong-password',
    detail: "the password does not verify the file's integrity MAC",
  });
  await writeFile(join(folder, 'notes.pfx'), 'this is not PKCS #12');
  const garbage = await files.read('notes.pfx', 'x');
  assert.ok(!garbage.readable && garbage.problem === 'not-pfx');
  const missing = await files.read('nowhere.pfx', 'x');
  assert.ok(!missing.readable && missing.problem === 'missing-file');
});

pfx('a PFX holding only the certificate reads as having no private key', async () => {
  const path = join(folder, 'nokey.pfx');
  await writeFile(join(folder, 'ca.pem'), toPem('CERTIFICATE', authority.certificate));
  execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', join(folder, 'ca.pem'), '-out', path, '-passout', 'pass:Pa55w.rd-test']);
  const facts = await files.read('nokey.pfx', 'Pa55w.rd-test');
  assert.ok(facts.readable && !facts.hasPrivateKey);
});

pfx('the password never appears on the openssl command line', async () => {
  const source = (await import('node:fs')).readFileSync('adapters/pfx/openssl.ts', 'utf8');
  assert.match(source, /env:PKILAB_PFX_PASSWORD/);
  assert.not.match(source, /pass:\$\{/);
});

pfx('writes a PFX whole, 0600 in a 0700 folder under umask 000, replacing a world-readable file of the same name', async () => {
  const exports = join(await tempDir('pkilab-pfx-'), 'exports');
  const secrets = memorySecretStore();
  const sealed = opensslPfxFiles(exports, ports.keys, secrets);
  await sealed.write('wide.pfx', { certificate: authority.certificate, chain: [], keyRef: authority.keyRef }, 'Pa55w.rd-test', aes);
  await chmod(join(exports, 'wide.pfx'), 0o644);
  const previous = process.umask(0);
  try {
    await sealed.write(
      'wide.pfx',
      { certificate: authority.certificate, chain: [], keyRef: authority.keyRef },
      await secrets.seal('Pa55w.rd-sealed'),
      aes,
    );
  } finally {
    process.umask(previous);
  }
  assert.is((await stat(join(exports, 'wide.pfx'))).mode & 0o777, 0o600);
  assert.is((await stat(exports)).mode & 0o777, 0o700);
  assert.equal((await readdir(exports)).sort(), ['wide.pfx']);
  assert.ok((await sealed.read('wide.pfx', { secret: 'pfx-password-1' })).readable);
  execFileSync('openssl', ['pkcs12', '-in', join(exports, 'wide.pfx'), '-info', '-noout', '-passin', 'pass:Pa55w.rd-sealed'], {
    stdio: 'pipe',
  });
});

/** `openssl pkcs12 -info` (which reports on stderr); throws when openssl fails. */
const info = (file: string, ...extra: string[]) => {
  const result = spawnSync('openssl', ['pkcs12', '-in', join(folder, file), '-info', '-noout', '-passin', 'pass:Pa55w.rd-test', ...extra], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stderr + result.stdout;
};
const dump = (file: string) =>
  execFileSync('openssl', ['pkcs12', '-in', join(folder, file), '-noenc', '-legacy', '-passin', 'pass:Pa55w.rd-test'], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
/** python3's cryptography opens the file and prints its certificate's friendly name and key size. */
const python = (file: string) =>
  execFileSync(
    'python3',
    [
      '-c',
      [
        'import sys; from cryptography.hazmat.primitives.serialization import pkcs12',
        'p = pkcs12.load_pkcs12(open(sys.argv[1], "rb").read(), b"Pa55w.rd-test")',
        'print(p.cert.friendly_name.decode(), p.key.key_size)',
      ].join('\n'),
      join(folder, file),
    ],
    { encoding: 'utf8' },
  ).trim();

pfx(
  'TripleDES-SHA1 as Windows before 10 1709 writes it: 3DES key, RC2-40 certificates, SHA-1 MAC; opens with -legacy and in python',
  async () => {
    await files.write('legacy.pfx', { certificate: authority.certificate, chain: [], keyRef: authority.keyRef }, 'Pa55w.rd-test', legacy);
    const text = info('legacy.pfx', '-legacy');
    assert.match(text, /MAC: sha1, Iteration 2000/);
    assert.match(text, /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
    assert.match(text, /PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC/);
    assert.throws(() => info('legacy.pfx'), 'OpenSSL 3 without -legacy cannot decrypt the RC2-40 certificate bag');
    assert.is(python('legacy.pfx'), `${windows.friendlyName} 2048`);
    const facts = await files.read('legacy.pfx', 'Pa55w.rd-test');
    assert.ok(facts.readable && facts.encryption === 'TripleDES-SHA1', JSON.stringify(facts));
  },
);

pfx(
  'AES256-SHA256 as Windows 10 1709 / Server 2019 writes it: PBES2 AES-256, SHA-256 MAC; opens without -legacy and in python',
  async () => {
    const text = info('ca.pfx');
    assert.match(text, /MAC: sha256/);
    assert.match(text, /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    assert.is(python('ca.pfx'), `${windows.friendlyName} 2048`);
    const facts = await files.read('ca.pfx', 'Pa55w.rd-test');
    assert.ok(facts.readable && facts.encryption === 'AES256-SHA256', JSON.stringify(facts));
  },
);

pfx('both carry the bag attributes Windows writes: friendly name, local key id, Microsoft CSP Name', async () => {
  for (const file of ['ca.pfx', 'legacy.pfx']) {
    const text = dump(file);
    assert.match(text, new RegExp(`friendlyName: ${windows.friendlyName.replace(/[{}]/g, '\\$&')}`), file);
    assert.match(text, /localKeyID: [0-9A-F ]+/, file);
    assert.match(text, /Microsoft CSP Name: Microsoft RSA SChannel Cryptographic Provider/, file);
  }
});

pfx('a file name that would leave the export folder is refused', async () => {
  for (const name of ['../out.pfx', '/tmp/x.pfx', '..', 'a\u0001.pfx']) {
    try {
      await files.write(name, { certificate: authority.certificate, chain: [], keyRef: authority.keyRef }, 'Pa55w.rd-test', aes);
      assert.unreachable(name);
    } catch (error) {
      assert.ok(isPfxFilesError(error, 'PFX_WRITE_FAILED'), String(error));
    }
  }
});

pfx.run();
