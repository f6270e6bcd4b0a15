/**
 * How the Certificate Export Wizard protects a PFX, by the exporting computer's Windows. Before Windows 10 1709 and
 * Windows Server 2019 it always writes the key with pbeWithSHAAnd3-KeyTripleDES-CBC, the certificates with
 * pbeWithSHAAnd40BitRC2-CBC, and a SHA-1 MAC, with no choice offered; from then on its Encryption list offers
 * TripleDES-SHA1 and AES256-SHA256 (PBES2, AES-256-CBC, SHA-256 MAC). Sources: PFXExportCertStoreEx
 * (PKCS12_PBES2_EXPORT_PARAMS); fidelity-addendum §2.
 */
export const pfxEncryptions = ['TripleDES-SHA1', 'AES256-SHA256'] as const;
export type PfxEncryption = (typeof pfxEncryptions)[number];

/** Whether this Windows (as the lab names it) has the wizard's Encryption list: Windows 10 1709+, 11, Server 2019+. */
export const offersAes = (os: string): boolean => {
  const server = /Windows Server (\d{4})/i.exec(os);
  if (server) return Number(server[1]) >= 2019;
  if (/Windows 11/i.test(os)) return true;
  const ten = /Windows 10(?:\D+(\d{4}))?/i.exec(os);
  if (!ten) return false;
  // A Windows 10 named without its release is taken as a current one.
  return ten[1] === undefined || Number(ten[1]) >= 1709;
};

/** What the wizard writes when left alone: AES256-SHA256 where it offers it (its first entry), else TripleDES-SHA1. */
export const defaultPfxEncryption = (os: string): PfxEncryption => (offersAes(os) ? 'AES256-SHA256' : 'TripleDES-SHA1');

/** The provider the key's "Microsoft CSP Name" attribute names (1.3.6.1.4.1.311.17.1); from memory, medium. */
export const keyProviderName = (provider: 'csp' | 'ksp', serverAuth: boolean): string => {
  if (provider === 'ksp') return 'Microsoft Software Key Storage Provider';
  return serverAuth ? 'Microsoft RSA SChannel Cryptographic Provider' : 'Microsoft Enhanced Cryptographic Provider v1.0';
};
