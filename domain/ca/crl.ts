import type { SimTime, Timed } from '../shared/time.ts';
import { refuse } from '../shared/decision.ts';
import type { CaDecision, CaSideEvent, CaView } from './decision.ts';
import type { PublishCrl } from './crl-events.ts';
import type { CaCrls, CrlDraft, CrlEntry, CrlProfile } from './crl-model.ts';
import { crlValidity } from './crl-settings.ts';
import { caPlace, crlSettingsOf, expandUrl } from './crl-urls.ts';
import type { CertificationAuthority } from './model.ts';
import { authorityFor, caNotFound } from './lookup.ts';
import { stoppedRefusal } from './revocation.ts';
import { signatureHashOf } from './setup.ts';

const noCrls: CaCrls = { lastCrlNumber: 0, published: { base: 0, delta: 0 } };

/** The CA's CRL history so far. */
export const crlsOf = (world: CaView, ca: string): CaCrls => world.ca.crls[ca] ?? noCrls;

/**
 * What the CA's revocation lists carry now: every certificate it revoked that has not expired (AD CS drops
 * expired certificates from its CRLs unless CRLF_PUBLISH_EXPIRED_CERT_CRLS is set), oldest revocation first.
 */
const currentEntries = (world: CaView, ca: string, at: SimTime): CrlEntry[] =>
  Object.values(world.ca.revocations)
    .filter((r) => r.ca === ca && Date.parse(world.ca.issued[r.serialNumber]?.notAfter ?? at) >= Date.parse(at))
    .sort((a, b) => Date.parse(a.revokedAt) - Date.parse(b.revokedAt) || a.serialNumber.localeCompare(b.serialNumber))
    .map(({ serialNumber, revokedAt, reason }) => ({ serialNumber, revokedAt, reason }));

type DecidedContent = Omit<CrlProfile, 'issuer' | 'signingKeyRef' | 'caVersion' | 'ca' | 'signatureHash'>;

const profileOf = (authority: CertificationAuthority, content: DecidedContent): CrlProfile => ({
  ...content,
  ca: authority.name,
  signatureHash: signatureHashOf(authority),
  issuer: authority.subject,
  signingKeyRef: authority.keyRef,
  caVersion: 0,
});

/**
 * Publishes a base CRL (every unexpired revocation, and where the delta is when deltas are on) or a delta
 * CRL (what was revoked since the current base, pointing at that base's number). Base and delta share one
 * CRL number sequence, as on AD CS. The signature is IO: the engine signs the profile and records it.
 */
export const decideCrlPublication = (command: Timed<PublishCrl>, world: CaView): CaDecision => {
  const { at } = command;
  const authority = authorityFor(world, command.ca);
  if (!authority) return caNotFound(world, command.ca);
  const stopped = stoppedRefusal(world, authority, `${authority.name} cannot publish a ${command.kind} CRL`);
  if (stopped) return stopped;
  const settings = crlSettingsOf(authority);
  const history = crlsOf(world, authority.name);
  const entries = currentEntries(world, authority.name, at);
  const trigger = command.trigger ?? 'administrator';
  const place = caPlace(world, authority);
  const crlNumber = history.lastCrlNumber + 1;
  if (command.kind === 'base') {
    const validity = crlValidity(at, settings.basePeriod, settings.baseOverlap);
    const freshest = settings.deltaPeriod ? settings.cdp.map((url) => expandUrl(url, place, true)) : [];
    const profile = profileOf(authority, { kind: 'base', crlNumber, ...validity, entries, freshest });
    return { kind: 'sign-crl', draft: { trigger, profile } };
  }
  if (!settings.deltaPeriod) {
    return refuse(
      'NOT_CONFIGURED',
      `${authority.name} does not publish delta CRLs ("Publish Delta CRLs" is cleared on Revoked Certificates › Properties).`,
    );
  }
  if (!history.base) {
    return refuse('NOT_CONFIGURED', `${authority.name} has no base CRL for a delta CRL to complete; publish a base CRL first.`);
  }
  // A certificate on hold in the base and revoked for good since then is listed again, with its new reason.
  const inBase = new Map(history.base.entries.map((e) => [e.serialNumber, e.reason]));
  const validity = crlValidity(at, settings.deltaPeriod, settings.deltaOverlap);
  const sinceBase = entries.filter((e) => inBase.get(e.serialNumber) !== e.reason);
  const baseCrlNumber = history.base.crlNumber;
  const profile = profileOf(authority, { kind: 'delta', crlNumber, baseCrlNumber, ...validity, entries: sinceBase, freshest: [] });
  return { kind: 'sign-crl', draft: { trigger, profile } };
};

/** The event of a signed CRL. */
export const crlPublishedEvent = (draft: CrlDraft, der: string): CaSideEvent => {
  const { issuer: _issuer, signingKeyRef: _key, caVersion: _version, ...content } = draft.profile;
  return { type: 'CrlPublished', data: { ...content, trigger: draft.trigger, der } };
};
