import type { SimTime } from '../shared/time.ts';
import type { CaView } from './decision.ts';
import { crlsOf } from './crl.ts';
import type { PublishedCrl } from './crl-model.ts';
import { crlSettingsOf } from './crl-urls.ts';
import type { CertificationAuthority } from './model.ts';

/**
 * How a CA's revocation information looks to a client at `at`: never published, current, or expired (a
 * client that checks revocation then fails with CRYPT_E_REVOCATION_OFFLINE 0x80092013). With deltas on,
 * Windows needs both the base and its delta to be current.
 */
export type CrlStatus =
  | { readonly state: 'never-published'; readonly ca: string }
  | {
      readonly state: 'current' | 'expired';
      readonly ca: string;
      readonly base: PublishedCrl;
      readonly delta?: PublishedCrl;
      readonly expired: readonly PublishedCrl[];
    };

const isExpired = (crl: PublishedCrl, at: SimTime) => Date.parse(crl.nextUpdate) < Date.parse(at);

export const crlStatus = (world: CaView, authority: CertificationAuthority, at: SimTime = world.now): CrlStatus => {
  const { base, delta } = crlsOf(world, authority.name);
  if (!base) return { state: 'never-published', ca: authority.name };
  const withDelta = crlSettingsOf(authority).deltaPeriod !== null && delta !== undefined;
  const expired = [base, ...(withDelta ? [delta] : [])].filter((crl) => isExpired(crl, at));
  return { state: expired.length > 0 ? 'expired' : 'current', ca: authority.name, base, ...(withDelta ? { delta } : {}), expired };
};
