// The replay baseline: the bench lab's events folded by hand into plain mutable Maps, doing the same work as pkilab's
// projections for each event type the lab holds (the same records kept, the same indexes, the same counters), and
// nothing pkilab does not do. A fold in pkilab keeps provenance for later (it holds the events and builds the record
// when first read), so this one, by default, holds the events too; `provenance: true` builds it after the fold, under
// the same entity keys (`entitiesShapedBy`), for the figure of a fold followed by a provenance read.
import { entitiesShapedBy, type LabEvent, type RecordedEvent } from '../../domain/index.ts';

type Recorded<T extends LabEvent['type']> = RecordedEvent<Extract<LabEvent, { type: T }>>;

interface MutableHost {
  readonly name: string;
  readonly fqdn: string;
  readonly os: string;
  readonly roles: readonly string[];
  lastBoot: string;
  lastAutoenrollment?: string;
  autoenrollmentPasses: number;
  autoenrollmentFailures?: readonly unknown[];
}

const mutableWorld = () => ({
  principals: new Map<string, unknown>(),
  members: new Map<string, string[]>(),
  tokens: new Map<string, { readonly groups: readonly string[]; readonly issuedAt: string }>(),
  hosts: new Map<string, MutableHost>(),
  stores: new Map<string, unknown[]>(),
  iis: new Map<string, unknown>(),
  pending: new Map<number, unknown>(),
  issued: new Map<string, unknown>(),
  serialByThumbprint: new Map<string, string>(),
  serialsByRequester: new Map<string, string[]>(),
  lastRequestId: 0,
  /** Events of other types (the test network's few), counted and otherwise left alone. */
  others: 0,
  /** The events folded, kept for a provenance built later (as pkilab's fold keeps them). */
  events: [] as readonly RecordedEvent[],
  provenance: new Map<string, number[]>(),
});
type MutableWorld = ReturnType<typeof mutableWorld>;

const autoenrollmentRan = (world: MutableWorld, event: Recorded<'AutoenrollmentRan'>) => {
  const host = world.hosts.get(event.data.computer);
  if (!host) return;
  host.lastAutoenrollment = event.at;
  host.autoenrollmentPasses += 1;
  const { failures } = event.data;
  if (failures.length > 0) host.autoenrollmentFailures = failures;
  else if (host.autoenrollmentFailures) host.autoenrollmentFailures = undefined;
};

const principalCreated = (world: MutableWorld, { data: { principal } }: Recorded<'PrincipalCreated'>) => {
  world.principals.set(principal.name, principal);
  if (principal.kind === 'group' && !world.members.has(principal.name)) world.members.set(principal.name, []);
};

const hostProvisioned = (world: MutableWorld, { data }: Recorded<'HostProvisioned'>) => {
  const { name, fqdn, os, roles, lastBoot } = data.host;
  world.hosts.set(name, { name, fqdn, os, roles, lastBoot, autoenrollmentPasses: 0 });
  world.stores.set(name, []);
  world.iis.set(name, data.iisSites);
};

const computerRestarted = (world: MutableWorld, event: Recorded<'ComputerRestarted'>) => {
  world.tokens.set(event.data.computer, { groups: event.data.tokenGroups, issuedAt: event.at });
  const host = world.hosts.get(event.data.computer);
  if (host) host.lastBoot = event.at;
};

const certificateIssued = (world: MutableWorld, { data: { certificate } }: Recorded<'CertificateIssued'>) => {
  world.pending.delete(certificate.requestId);
  world.issued.set(certificate.serialNumber, certificate);
  world.serialByThumbprint.set(certificate.thumbprint, certificate.serialNumber);
  const serials = world.serialsByRequester.get(certificate.requester);
  if (serials) serials.push(certificate.serialNumber);
  else world.serialsByRequester.set(certificate.requester, [certificate.serialNumber]);
  world.lastRequestId = Math.max(world.lastRequestId, certificate.requestId);
};

const certificateInstalled = (world: MutableWorld, { data, at }: Recorded<'CertificateInstalled'>) => {
  const { thumbprint, template, keyRef, exportableKey } = data;
  world.stores.get(data.host)?.push({ thumbprint, template, keyRef, hasPrivateKey: true, exportableKey, installedAt: at });
};

const applyEvent = (world: MutableWorld, event: RecordedEvent) => {
  switch (event.type) {
    case 'AutoenrollmentRan':
      return autoenrollmentRan(world, event);
    case 'PrincipalCreated':
      return principalCreated(world, event);
    case 'HostProvisioned':
      return hostProvisioned(world, event);
    case 'ComputerRestarted':
      return computerRestarted(world, event);
    case 'CertificateIssued':
      return certificateIssued(world, event);
    case 'CertificateInstalled':
      return certificateInstalled(world, event);
    default:
      world.others += 1;
  }
};

const recordProvenance = (world: MutableWorld, event: RecordedEvent) => {
  for (const key of entitiesShapedBy(event)) {
    const positions = world.provenance.get(key);
    if (positions) positions.push(event.position);
    else world.provenance.set(key, [event.position]);
  }
};

/** The world after the first `upTo` events, provenance kept for later (or, with `provenance: true`, built at once). */
export const mutableFold = (events: readonly RecordedEvent[], upTo = events.length, options: { provenance?: boolean } = {}) => {
  const world = mutableWorld();
  for (let i = 0; i < upTo; i += 1) applyEvent(world, events[i]!);
  if (options.provenance) for (let i = 0; i < upTo; i += 1) recordProvenance(world, events[i]!);
  else world.events = events.slice(0, upTo);
  return world;
};
