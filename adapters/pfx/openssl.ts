import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Thumbprint, type PfxEncryption, type PfxFacts, type Secret } from '../../domain/index.ts';
import {
  secretStoreError,
  pfxFilesError,
  type KeyStore,
  type PfxFiles,
  type PfxWriteOptions,
  type SecretStore,
} from '../../workflows/index.ts';
import { ensureFolder, modes, writeFileAtomic } from '../files/atomic.ts';
import { toPem } from '../keystore/rsa.ts';

const run = (args: string[], input: string, password: string): Promise<{ code: number; stdout: Buffer; stderr: string }> =>
  new Promise((done, fail) => {
    const child = spawn('openssl', args, { env: { ...process.env, PKILAB_PFX_PASSWORD: password }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout: Buffer.concat(stdout), stderr }));
    // openssl may exit before it reads its input (a wrong password, an unreadable file): that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });

const pemBlocks = (text: string, label: string): string[] =>
  text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];

/** Subject as pkilab writes it (most specific first), from Node's one-attribute-per-line form. */
const subjectOf = (cert: X509Certificate): string => (cert.subject ?? '').split('\n').filter(Boolean).reverse().join(', ');

/** The protection `openssl pkcs12 -info` reports for the key bag: PBES2 (AES) or the PKCS #12 3DES scheme. */
const encryptionOf = (info: string): PfxEncryption | undefined =>
  /Shrouded Keybag: PBES2/.test(info)
    ? 'AES256-SHA256'
    : /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES/.test(info)
      ? 'TripleDES-SHA1'
      : undefined;

const facts = (stdout: string, info: string): PfxFacts => {
  const certificates = pemBlocks(stdout, 'CERTIFICATE').map((pem) => new X509Certificate(pem));
  const keyPem = pemBlocks(stdout, 'PRIVATE KEY')[0];
  const key = keyPem ? createPrivateKey(keyPem) : undefined;
  const spki = key ? createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64') : undefined;
  const matching = certificates.find((c) => c.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') === spki);
  const leaf = matching ?? certificates.find((c) => !c.ca) ?? certificates[0];
  if (!leaf) return { readable: false, problem: 'not-pfx', detail: 'the PKCS #12 file holds no certificate' };
  return {
    readable: true,
    thumbprint: Thumbprint(leaf.fingerprint.replace(/:/g, '')),
    subject: subjectOf(leaf),
    dnsNames: (leaf.subjectAltName ?? '')
      .split(', ')
      .filter((n) => n.startsWith('DNS:'))
      .map((n) => n.slice(4)),
    ekus: leaf.keyUsage ?? [],
    hasPrivateKey: Boolean(key),
    keyMatchesCertificate: Boolean(matching),
    keySize: leaf.publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
    ...(encryptionOf(info) ? { encryption: encryptionOf(info)! } : {}),
  };
};

/** The file name a dialog typed, kept inside the export folder: no separators, no `..`, no control characters. */
const exportName = (folder: string, file: string): string => {
  if (!/^[^/\\\0-\x1f]+$/.test(file) || /^\.+$/.test(file))
    throw pfxFilesError(
      'PFX_WRITE_FAILED',
      `Expected a plain file name for the PFX (such as clouddp1.pfx), found ${JSON.stringify(file)}.`,
    );
  return resolve(folder, file);
};

/**
 * The openssl arguments that protect a PFX as Windows does. TripleDES-SHA1 (every Windows before 10 1709 / Server
 * 2019): the key under pbeWithSHAAnd3-KeyTripleDES-CBC, the certificates under pbeWithSHAAnd40BitRC2-CBC (hence
 * `-legacy`), a SHA-1 MAC, 2000 iterations. AES256-SHA256: PBES2 with AES-256-CBC and PBKDF2, a SHA-256 MAC.
 */
const protection: Record<PfxEncryption, readonly string[]> = {
  'TripleDES-SHA1': ['-legacy', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-RC2-40', '-macalg', 'sha1', '-iter', '2000'],
  'AES256-SHA256': ['-keypbe', 'AES-256-CBC', '-certpbe', 'AES-256-CBC', '-macalg', 'sha256'],
};

/** openssl's arguments to write a PFX protected as `options` say; the password comes from the environment. */
const exportArgs = (options: PfxWriteOptions): string[] => [
  'pkcs12',
  '-export',
  '-passout',
  'env:PKILAB_PFX_PASSWORD',
  ...protection[options.encryption],
  '-name',
  options.friendlyName,
  '-CSP',
  options.providerName,
];

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * PFX files through the openssl command line, protected as `options.encryption` says, with the friendly name, the
 * local key id and the Microsoft CSP Name (1.3.6.1.4.1.311.17.1) Windows writes. Legacy files are read with
 * `-legacy`. The password (a reference into the lab's secrets, or a clear one in tests) travels in the
 * environment, never in argv; the file is written whole, mode 0600, in a 0700 folder.
 */
export const opensslPfxFiles = (folder: string, keys: KeyStore, secrets?: SecretStore): PfxFiles => {
  const pathOf = (file: string) => exportName(folder, file);
  const reveal = async (password: Secret): Promise<string> =>
    typeof password === 'string'
      ? password
      : secrets
        ? secrets.reveal(password)
        : Promise.reject(secretStoreError('SECRETS_MISSING', `No secret store holds "${password.secret}".`));
  return {
    pathOf,
    async write(file, content, password, options) {
      const path = pathOf(file);
      await ensureFolder(dirname(path), modes.secretFolder);
      const input = [
        toPem('PRIVATE KEY', await keys.privateKey(content.keyRef)),
        toPem('CERTIFICATE', content.certificate),
        ...content.chain.map((c) => toPem('CERTIFICATE', c)),
      ].join('');
      const result = await run(exportArgs(options), input, await reveal(password));
      if (result.code !== 0 || result.stdout.length === 0)
        throw pfxFilesError('PFX_WRITE_FAILED', `openssl could not write ${path}: ${result.stderr.trim()}`);
      await writeFileAtomic(path, result.stdout, modes.secret);
    },
    async read(file, password) {
      let path: string;
      try {
        path = pathOf(file);
      } catch {
        return { readable: false, problem: 'missing-file', detail: `${JSON.stringify(file)} is not a file name among the exported files` };
      }
      if (!(await exists(path)))
        return { readable: false, problem: 'missing-file', detail: `no file named ${file} among the exported files` };
      // -legacy adds the RC2 and 40-bit ciphers of older Windows to what openssl reads; AES files read the same.
      const args = ['pkcs12', '-in', path, '-passin', 'env:PKILAB_PFX_PASSWORD', '-noenc', '-legacy', '-info'];
      const result = await run(args, '', await reveal(password));
      if (result.code === 0) return facts(result.stdout.toString('utf8'), result.stderr);
      if (/mac verify|invalid password|bad decrypt/i.test(result.stderr))
        return { readable: false, problem: 'wrong-password', detail: "the password does not verify the file's integrity MAC" };
      return {
        readable: false,
        problem: 'not-pfx',
        detail: `not a PKCS #12 file (${result.stderr.split('\n')[0]?.trim() || 'unreadable'})`,
      };
    },
  };
};
