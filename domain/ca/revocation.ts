import { selectCertificate } from './held.ts';
import { refuse } from '../shared/decision.ts';
import { accept, type CaDecision, type CaView } from './decision.ts';
import type { RevocationTarget, RevokeCertificate, StartCaService, StopCaService } from './crl-events.ts';
import { authorityFor, caNotFound } from './lookup.ts';
import type { CertificationAuthority, IssuedCertificate } from './model.ts';

/** `certutil -revoke` takes the serial as hex digits, with or without spaces, in any case. */
const normaliseSerial = (serial: string): string => serial.replace(/\s+/g, '').toLowerCase();

/** Whether the CA service is stopped, and the refusal a client then gets (RPC_S_SERVER_UNAVAILABLE). */
export const stoppedRefusal = (world: CaView, authority: CertificationAuthority, what: string): CaDecision | undefined =>
  world.ca.stopped[authority.name] === undefined
    ? undefined
    : refuse(
        'RPC_S_SERVER_UNAVAILABLE',
        `${what}: the Active Directory Certificate Services service on ${authority.host} is stopped ` +
          `(since ${world.ca.stopped[authority.name]}); start it with net start certsvc.`,
      );

const notIssued = (world: CaView, authority: CertificationAuthority, what: string): { refusal: CaDecision } => {
  const known = Object.values(world.ca.issued)
    .filter((c) => c.ca === authority.name)
    .map((c) => `${c.requestId} (${c.serialNumber})`);
  return {
    refusal: refuse(
      'ERROR_FILE_NOT_FOUND',
      `${authority.name} has issued no certificate with ${what}` +
        (known.length > 0
          ? `; its issued certificates by Request ID: ${known.slice(0, 5).join(', ')}${known.length > 5 ? ', …' : ''}`
          : '') +
        '.',
    ),
  };
};

/** The issued certificate a revocation designates, or why there is none. */
type Target = { issued: IssuedCertificate } | { refusal: CaDecision };

const targetOf = (world: CaView, authority: CertificationAuthority, target: RevocationTarget): Target => {
  const mine = (c: IssuedCertificate | undefined) => (c && c.ca === authority.name ? c : undefined);
  if ('serialNumber' in target) {
    const serial = normaliseSerial(target.serialNumber);
    const issued = mine(world.ca.issued[serial]);
    return issued ? { issued } : notIssued(world, authority, `serial number ${serial}`);
  }
  if ('requestId' in target) {
    const issued = mine(Object.values(world.ca.issued).find((c) => c.requestId === target.requestId));
    return issued ? { issued } : notIssued(world, authority, `Request ID ${target.requestId}`);
  }
  const { host, certificate } = target.holder;
  const stored = selectCertificate(world, host, certificate) ?? selectCertificate(world, host, certificate, 'amt-firmware');
  const issued = mine(Object.values(world.ca.issued).find((c) => c.thumbprint === stored?.thumbprint));
  const which = 'thumbprint' in certificate ? `thumbprint ${certificate.thumbprint}` : `template "${certificate.template}"`;
  if (issued) return { issued };
  return { refusal: refuse('NOT_FOUND', `${host} holds no certificate from ${authority.name} with ${which} in its personal store.`) };
};

/**
 * Revokes an issued certificate. An unknown serial fails as `certutil -revoke` does (0x80070002, the row is not
 * in the CA database); so does one already revoked, unless it was only on hold, which a permanent reason may
 * replace (0x80094003). Codes from memory, medium confidence; MS-CSRA 3.1.4.1.8 says only that the CA fails.
 */
export const decideRevocation = (command: RevokeCertificate, world: CaView): CaDecision => {
  const authority = authorityFor(world, command.ca);
  if (!authority) return caNotFound(world, command.ca);
  const stopped = stoppedRefusal(world, authority, `${authority.name} cannot revoke a certificate`);
  if (stopped) return stopped;
  const found = targetOf(world, authority, command);
  if ('refusal' in found) return found.refusal;
  const { issued } = found;
  const serial = issued.serialNumber;
  const revoked = world.ca.revocations[serial];
  if (revoked && (revoked.reason !== 'certificateHold' || command.reason === 'certificateHold')) {
    return refuse(
      'CERTSRV_E_BAD_REQUESTSTATUS',
      `The certificate ${serial} (request ${issued.requestId}) was already revoked on ${revoked.revokedAt}` +
        ` (${revoked.reason}); only a certificate on hold can be revoked again, with another reason.`,
    );
  }
  const { requestId, thumbprint } = issued;
  const data = { ca: authority.name, serialNumber: serial, requestId, thumbprint, reason: command.reason };
  return accept({ type: 'CertificateRevoked', data });
};

/** `net stop certsvc` / `net start certsvc`; starting a running service (or stopping a stopped one) changes nothing. */
export const decideCaService = (command: StopCaService | StartCaService, world: CaView): CaDecision => {
  const authority = authorityFor(world, command.ca);
  if (!authority) return caNotFound(world, command.ca);
  const stopped = world.ca.stopped[authority.name] !== undefined;
  if (command.type === 'StopCaService') return stopped ? accept() : accept({ type: 'CaServiceStopped', data: { ca: authority.name } });
  return stopped ? accept({ type: 'CaServiceStarted', data: { ca: authority.name } }) : accept();
};
