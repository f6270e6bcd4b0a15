import type { CaView } from './decision.ts';
import type { SimTime } from '../shared/time.ts';
import { crlsOf } from './crl.ts';
import type { CrlPublished, PublishCrl } from './crl-events.ts';
import type { CrlKind } from './crl-model.ts';
import { crlSettingsOf } from './crl-urls.ts';
import type { CertificationAuthority } from './model.ts';

/** A CRL publication the CA's schedule makes due at a simulated time. */
interface DueCrl {
  readonly at: SimTime;
  readonly command: PublishCrl;
}

const later = (a: SimTime, b: SimTime): SimTime => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * The CA's next scheduled publication: its first base CRL at installation, then each CRL at its Next CRL
 * Publish; overdue publications are due now. A delta that does not complete the current base is due at once. A CA
 * recorded before CRLs existed (no `crl` settings), or whose service is stopped, publishes nothing by itself.
 */
const nextCrlPublication = (world: CaView, authority: CertificationAuthority): DueCrl | undefined => {
  if (!authority.crl || world.ca.stopped[authority.name] !== undefined) return undefined;
  // Overdue work (a CA started again after its CRLs fell due) runs now, never at a time already past.
  const scheduled = (kind: CrlKind, at: SimTime): DueCrl => ({
    at: world.now ? later(at, world.now) : at,
    command: { type: 'PublishCrl', ca: authority.name, kind, trigger: 'schedule' },
  });
  const { base, delta } = crlsOf(world, authority.name);
  if (!base) return scheduled('base', authority.notBefore);
  const baseDue = scheduled('base', base.nextPublish);
  if (!crlSettingsOf(authority).deltaPeriod) return baseDue;
  const completesBase = delta !== undefined && delta.baseCrlNumber === base.crlNumber;
  const deltaDue = scheduled('delta', completesBase ? delta.nextPublish : base.thisUpdate);
  return Date.parse(deltaDue.at) < Date.parse(baseDue.at) ? deltaDue : baseDue;
};

/** Every CA's next scheduled publication, earliest first. */
export const crlSchedule = (world: CaView): DueCrl[] =>
  Object.values(world.ca.authorities)
    .flatMap((authority) => nextCrlPublication(world, authority) ?? [])
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

/** The publications due by `at` in the world as it is (one per CA: publishing one makes the next one due). */
export const dueCrlPublications = (world: CaView, at: SimTime): PublishCrl[] =>
  crlSchedule(world)
    .filter((due) => Date.parse(due.at) <= Date.parse(at))
    .map((due) => due.command);

/**
 * What the CA does by itself after a CRL event: a base CRL published while deltas are on is followed by a
 * delta that completes it (as `certutil -CRL` and the schedule do), with the same trigger.
 */
export const crlReactionsTo = (event: CrlPublished): PublishCrl[] =>
  event.data.kind === 'base' && event.data.freshest.length > 0
    ? [{ type: 'PublishCrl', ca: event.data.ca, kind: 'delta', trigger: event.data.trigger }]
    : [];
