import type { Draft } from 'immer';
import type { LabEvent, RecordedEvent, World } from '../domain/index.ts';
import { recordPasses } from './ca.ts';
import { packed, upTo, type PackedLists } from './provenance.ts';

type Hosts = World['hosts']['hosts'];

/**
 * Where each computer's autoenrollment passes and provisionings are in a log. Every 8-hour timer pass touches every
 * host, so a timeline keeps passes out of its checkpoints (which then share their hosts) and lays them over a
 * world it returns, from this index.
 */
export interface PassIndex {
  /** Per computer, the positions of the passes that found it provisioned (the fold ignores the others). */
  readonly passes: PackedLists<string>;
  /** Per computer, the positions of its provisionings (each starts a host record afresh). */
  readonly provisioned: PackedLists<string>;
}

export const passIndex = (events: readonly RecordedEvent[]): PassIndex => {
  const passes = new Map<string, number[]>();
  const provisioned = new Map<string, number[]>();
  for (const event of events) {
    if (event.type === 'HostProvisioned') {
      const name = event.data.host.name;
      const list = provisioned.get(name);
      if (list) list.push(event.position);
      else provisioned.set(name, [event.position]);
    } else if (event.type === 'AutoenrollmentRan' && provisioned.has(event.data.computer)) {
      const list = passes.get(event.data.computer);
      if (list) list.push(event.position);
      else passes.set(event.data.computer, [event.position]);
    }
  }
  return { passes: packed(passes), provisioned: packed(provisioned) };
};

/** `world` (folded without passes up to `n`) with each host's passes since its last provisioning laid over it. */
export const withPasses = (world: World, index: PassIndex, events: readonly RecordedEvent[], n: number): World => {
  let hosts: Record<string, Hosts[string]> | undefined;
  for (const [name, positions] of index.passes) {
    const count = upTo(positions, n);
    if (count === 0) continue;
    const provisions = index.provisioned.get(name)!;
    const since = count - upTo(positions, provisions[upTo(provisions, n) - 1]!);
    const host = world.hosts.hosts[name];
    if (since === 0 || !host) continue;
    const copy = Object.assign({}, host) as Draft<Hosts[string]>;
    const last = events[positions[count - 1]! - 1] as RecordedEvent<Extract<LabEvent, { type: 'AutoenrollmentRan' }>>;
    recordPasses(copy, last, since);
    (hosts ??= { ...world.hosts.hosts })[name] = copy as Hosts[string];
  }
  return hosts ? { ...world, hosts: { ...world.hosts, hosts } } : world;
};
