import type { SimTime } from '../shared/time.ts';
import type { CaEdition, CaOs, CertificationAuthority } from './model.ts';

/** The CA's key storage, chosen on the setup wizard's Cryptography page: a legacy CryptoAPI CSP or a CNG KSP. */
export type CaProvider = 'csp' | 'ksp';
export type SignatureHash = 'sha1' | 'sha256';

/**
 * What the setup wizard proposes when left alone. Windows Server 2008 and 2008 R2 propose the RSA
 * "Microsoft Strong Cryptographic Provider" (a CSP) with SHA-1; Windows Server 2012 proposes the
 * "Microsoft Software Key Storage Provider" (a KSP), still with SHA-1 (SHA-256 became the proposal with
 * 2016). Source: Microsoft "Migrating a CA from CSP to KSP and SHA-1 to SHA-256" (dn771627); the 2012
 * default is from memory, medium confidence.
 */
export const defaultProvider = (os: CaOs): CaProvider => (os === 'windows-server-2012' ? 'ksp' : 'csp');
export const defaultSignatureHash = (_os: CaOs): SignatureHash => 'sha1';

/**
 * What a CA setup needs when it cannot exist as asked, or undefined: with a CSP key the wizard's hash list stops at
 * SHA-1 (AD CS signs SHA-256 only through CNG, so only with a KSP).
 */
export const setupRefusal = (setup: { provider: CaProvider; hashAlgorithm: SignatureHash }): string | undefined =>
  setup.provider === 'csp' && setup.hashAlgorithm === 'sha256'
    ? 'SHA1, the strongest hash the setup wizard lists for a key in a CSP, the provider of 2008 and 2008 R2 unless ' +
      'provider: KSP is set (SHA-256 needs a KSP)'
    : undefined;

/** Whether the server's edition lets the CA issue templates of this schema version (2008 Standard: version 1 only). */
export const editionIssues = (authority: { edition: CaEdition; os: CaOs }, schemaVersion: number): boolean =>
  authority.edition === 'enterprise' || authority.os !== 'windows-server-2008' || schemaVersion === 1;

export const editionLimitText = (authority: { name: string }, template: { displayName: string; schemaVersion: number }): string =>
  `${authority.name} runs on Windows Server 2008 Standard Edition, which issues only version 1 templates (2008 R2 and later Standard ` +
  `Editions issue versions 2 and 3); "${template.displayName}" is version ${template.schemaVersion}`;

/**
 * The hash the CA signs with. A lab recorded before the setting existed had a SHA-256 CA certificate, so a
 * missing field keeps what that lab did.
 */
export const signatureHashOf = (authority: CertificationAuthority): SignatureHash => authority.hashAlgorithm ?? 'sha256';

/** Whether the CA has the May 2022 update (KB5014754) that writes the SID extension; older labs wrote it. */
export const hasSidUpdate = (authority: CertificationAuthority): boolean => authority.sidUpdate ?? true;

const tickRange = 0x7f00_0000;

/**
 * An issued certificate's serial as AD CS writes it with HighSerial 0 (PKI Solutions, V. Podāns, 2020): four
 * bytes of GetTickCount(), two bytes of the zero-based CA certificate index, four bytes of the request id
 * (10 bytes; a request id of 2 ends in 00 00 00 02). The tick count is the lab's recorded tick base plus the
 * simulated milliseconds since the CA was installed, kept in 0x01000000–0x7fffffff so the integer is positive
 * and keeps its 10 bytes. A lab recorded before the base existed keeps its old serials.
 */
export const issuedSerial = (authority: CertificationAuthority, requestId: number, at: SimTime): string => {
  if (authority.serialTickBase === undefined) return legacySerial(requestId);
  const elapsed = Math.max(0, Date.parse(at) - Date.parse(authority.notBefore));
  const tick = 0x0100_0000 + ((authority.serialTickBase + elapsed) % tickRange);
  const certificateIndex = 0;
  return `${hex(tick, 8)}${hex(certificateIndex, 4)}${hex(requestId, 8)}`;
};

/** The request id in an AD CS serial, as `certutil -view` relates the two: its last four bytes. */
export const requestIdOfSerial = (serial: string): number => Number.parseInt(serial.slice(-8), 16);

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');

/** The serials of labs recorded before the layout above: a constant prefix, the request id, a tail derived from it. */
const legacySerial = (requestId: number): string => `61${hex(requestId, 8)}${hex((requestId * 2_654_435_761) >>> 0, 8)}`;
