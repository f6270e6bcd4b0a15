import type { Draft } from 'immer';
import type { LabEvent, RecordedEvent, World } from '../domain/index.ts';
import { recordPasses } from './ca.ts';
import { upTo } from './provenance.ts';
import { recordView } from './record-view.ts';

type Hosts = World['hosts']['hosts'];

/**
 * Where each computer's autoenrollment passes and provisionings are in a log. Every 8-hour timer pass touches every
 * host, so a timeline keeps passes out of its checkpoints (which then share their hosts) and lays them over a
 * world it returns, from this index. Passes are packed, computer after computer, in one array of 4-byte positions,
 * read in place by a seek (no list or view made per computer).
 */
export interface PassIndex {
  /** The computers with passes, in the order their stretches are packed. */
  readonly computers: readonly string[];
  /** Each of those computers' place in `computers`. */
  readonly slots: ReadonlyMap<string, number>;
  /** Where each computer's stretch of `passes` ends. */
  readonly ends: Int32Array;
  /** The positions of the passes that found their computer provisioned (the fold ignores the others). */
  readonly passes: Int32Array;
  /** Per computer, the positions of its provisionings (each starts a host record afresh). */
  readonly provisioned: ReadonlyMap<string, readonly number[]>;
}

export const passIndex = (events: readonly RecordedEvent[]): PassIndex => {
  const lists = new Map<string, number[]>();
  const provisioned = new Map<string, number[]>();
  for (const event of events) {
    if (event.type === 'HostProvisioned') {
      const name = event.data.host.name;
      const list = provisioned.get(name);
      if (list) list.push(event.position);
      else provisioned.set(name, [event.position]);
    } else if (event.type === 'AutoenrollmentRan' && provisioned.has(event.data.computer)) {
      const list = lists.get(event.data.computer);
      if (list) list.push(event.position);
      else lists.set(event.data.computer, [event.position]);
    }
  }
  let total = 0;
  for (const list of lists.values()) total += list.length;
  const passes = new Int32Array(total);
  const ends = new Int32Array(lists.size);
  let at = 0;
  [...lists.values()].forEach((list, i) => {
    passes.set(list, at);
    at += list.length;
    ends[i] = at;
  });
  const computers = [...lists.keys()];
  return { computers, slots: new Map(computers.map((name, i) => [name, i])), ends, passes, provisioned };
};

/** How many of `passes[from..to)` (ascending) are at most `n`. */
const countUpTo = (passes: Int32Array, from: number, to: number, n: number): number => {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (passes[mid]! <= n) low = mid + 1;
    else high = mid;
  }
  return low - from;
};

/** `host` at `n` with its passes since its last provisioning laid over it (the host itself when it has none). */
const hostAt = (host: Hosts[string], name: string, index: PassIndex, events: readonly RecordedEvent[], n: number): Hosts[string] => {
  const slot = index.slots.get(name);
  if (slot === undefined) return host;
  const { ends, passes } = index;
  const from = slot === 0 ? 0 : ends[slot - 1]!;
  const count = countUpTo(passes, from, ends[slot]!, n);
  if (count === 0) return host;
  const provisions = index.provisioned.get(name)!;
  const since = count - countUpTo(passes, from, ends[slot]!, provisions[upTo(provisions, n) - 1]!);
  if (since === 0) return host;
  const copy = Object.assign({}, host) as Draft<Hosts[string]>;
  const last = events[passes[from + count - 1]! - 1] as RecordedEvent<Extract<LabEvent, { type: 'AutoenrollmentRan' }>>;
  recordPasses(copy, last, since);
  return copy as Hosts[string];
};

/**
 * `world` (folded without passes up to `n`) with each host's passes since its last provisioning laid over it. The
 * hosts record reads as a plain one; each host is laid over when first read, so a seek pays only for the hosts read.
 */
export const withPasses = (world: World, index: PassIndex, events: readonly RecordedEvent[], n: number): World => {
  const hosts = world.hosts.hosts;
  if (index.passes.length === 0) return world;
  const laid = new Map<string, Hosts[string]>();
  const view = recordView<Hosts[string]>({
    get: (name) => {
      const known = laid.get(name);
      if (known !== undefined || !Object.hasOwn(hosts, name)) return known;
      const host = hostAt(hosts[name]!, name, index, events, n);
      laid.set(name, host);
      return host;
    },
    keys: () => Object.keys(hosts),
  });
  return { ...world, hosts: { ...world.hosts, hosts: view } };
};
