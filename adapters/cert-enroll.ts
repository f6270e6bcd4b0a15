import { join } from 'node:path';
import { caPlace, certEnrollNames, crlsOf, type World } from '../domain/index.ts';
import { ensureFolder, modes, writeFileAtomic } from './files/atomic.ts';

/** The folder of a lab's artifacts that stands for %windir%\System32\CertSrv\CertEnroll on the CA server. */
const certEnrollFolder = (artifacts: string): string => join(artifacts, 'CertEnroll');

export interface CertEnrollFile {
  readonly ca: string;
  readonly kind: 'base-crl' | 'delta-crl' | 'ca-certificate';
  /** Absolute path of the DER file. */
  readonly path: string;
}

/**
 * Writes what each CA publishes to its CertEnroll folder, as DER under AD CS's default names: the latest base
 * CRL (`<CaName>.crl`), the latest delta (`<CaName>+.crl`) and the CA certificate at its AIA name
 * (`<ServerDNSName>_<CaName>.crt`). Each file is replaced atomically, so a reader (`pkilab serve`) never sees half.
 */
export const writeCertEnroll = async (world: World, artifacts: string): Promise<CertEnrollFile[]> => {
  const folder = certEnrollFolder(artifacts);
  const written: CertEnrollFile[] = [];
  const write = async (ca: string, kind: CertEnrollFile['kind'], name: string, der: string) => {
    const path = join(folder, name);
    await writeFileAtomic(path, Buffer.from(der, 'base64'), modes.shared);
    written.push({ ca, kind, path });
  };
  for (const authority of Object.values(world.ca.authorities)) {
    await ensureFolder(folder, modes.folder);
    const names = certEnrollNames(caPlace(world, authority));
    const { base, delta } = crlsOf(world, authority.name);
    await write(authority.name, 'ca-certificate', names.caCertificate, authority.certificate);
    if (base) await write(authority.name, 'base-crl', names.baseCrl, base.der);
    if (delta) await write(authority.name, 'delta-crl', names.deltaCrl, delta.der);
  }
  return written;
};
