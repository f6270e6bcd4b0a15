import { join, resolve } from 'node:path';
import { ekuName, findTemplate, TemplateName, type World } from '../domain/index.ts';
import { writeCertEnroll, type CertEnrollFile } from './cert-enroll.ts';
import { ensureFolder, modes, writeFileAtomic, writeFilesAtomic, type FileToWrite } from './files/atomic.ts';
import { toPem } from './keystore/rsa.ts';

interface CertificateArtifact {
  readonly host: string;
  readonly store: string;
  readonly template: string;
  readonly thumbprint: string;
  readonly subject: string;
  readonly dnsNames: readonly string[];
  readonly ekus: readonly string[];
  /** Absolute path of the certificate as PEM. */
  readonly pem: string;
  /** Absolute path of the same certificate as DER (.cer), the form mobile devices take. */
  readonly der: string;
  /** Absolute path of its private key (PKCS#8 PEM, mode 0600) in the key store. */
  readonly keyFile: string;
}

export interface Artifacts {
  readonly caCertificate: string;
  readonly certificates: readonly CertificateArtifact[];
  /** The CA's CertEnroll folder: its CRLs and its certificate under AD CS's names. */
  readonly certEnroll: readonly CertEnrollFile[];
}

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/** Writes the CA certificate and every certificate in a computer store as PEM under `folder`, and the CA's CertEnroll folder. */
export const writeArtifacts = async (world: World, folder: string, keyFolder: string): Promise<Artifacts> => {
  const dir = resolve(folder);
  await ensureFolder(dir, modes.folder);
  const authority = Object.values(world.ca.authorities)[0];
  const caCertificate = join(dir, 'ca.pem');
  if (authority) await writeFileAtomic(caCertificate, toPem('CERTIFICATE', authority.certificate), modes.shared);
  const certificates: CertificateArtifact[] = [];
  const files: FileToWrite[] = [];
  // Each issued certificate by thumbprint, looked up once per stored one (a scan per certificate grew as N²).
  const issuedBy = new Map<string, World['ca']['issued'][string]>();
  for (const c of Object.values(world.ca.issued)) if (!issuedBy.has(c.thumbprint)) issuedBy.set(c.thumbprint, c);
  for (const [host, stores] of Object.entries(world.hosts.stores)) {
    for (const [store, stored] of Object.entries(stores).flatMap(([name, list]) => (list ?? []).map((c) => [name, c] as const))) {
      const issued = issuedBy.get(stored.thumbprint);
      if (!issued) continue;
      const base = join(dir, `${fileSafe(host)}-${fileSafe(stored.template)}-${stored.thumbprint.slice(0, 8)}`);
      const pem = `${base}.pem`;
      const der = `${base}.cer`;
      files.push({ path: pem, content: toPem('CERTIFICATE', issued.der) }, { path: der, content: Buffer.from(issued.der, 'base64') });
      certificates.push({
        host,
        store,
        template: findTemplate(world.ca, TemplateName(stored.template))?.displayName ?? stored.template,
        thumbprint: stored.thumbprint,
        subject: issued.subject,
        dnsNames: issued.dnsNames,
        ekus: issued.ekus.map(ekuName),
        pem,
        der,
        keyFile: resolve(keyFolder, `${stored.keyRef}.key`),
      });
    }
  }
  await writeFilesAtomic(files);
  return { caCertificate, certificates, certEnroll: await writeCertEnroll(world, dir) };
};
