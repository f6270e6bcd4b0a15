import type { Draft } from 'immer';
import type { LabEvent, RecordedEvent, World } from '../domain/index.ts';
import { recordPasses } from './ca.ts';
import { upTo } from './provenance.ts';

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
  return { computers: [...lists.keys()], ends, passes, provisioned };
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

/** `world` (folded without passes up to `n`) with each host's passes since its last provisioning laid over it. */
export const withPasses = (world: World, index: PassIndex, events: readonly RecordedEvent[], n: number): World => {
  let hosts: Record<string, Hosts[string]> | undefined;
  const { computers, ends, passes } = index;
  for (let i = 0; i < computers.length; i += 1) {
    const from = i === 0 ? 0 : ends[i - 1]!;
    const count = countUpTo(passes, from, ends[i]!, n);
    if (count === 0) continue;
    const name = computers[i]!;
    const provisions = index.provisioned.get(name)!;
    const since = count - countUpTo(passes, from, ends[i]!, provisions[upTo(provisions, n) - 1]!);
    const host = world.hosts.hosts[name];
    if (since === 0 || !host) continue;
    const copy = Object.assign({}, host) as Draft<Hosts[string]>;
    const last = events[passes[from + count - 1]! - 1] as RecordedEvent<Extract<LabEvent, { type: 'AutoenrollmentRan' }>>;
    recordPasses(copy, last, since);
    (hosts ??= { ...world.hosts.hosts })[name] = copy as Hosts[string];
  }
  return hosts ? { ...world, hosts: { ...world.hosts, hosts } } : world;
};
