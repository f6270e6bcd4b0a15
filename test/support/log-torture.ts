import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { checkLog, type LogCheck } from '../../adapters/eventstore/validate.ts';
import { eventTypes } from '../../adapters/schemas/index.ts';
import type { RecordedEvent } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { createLab, runScenario, seedDeployment } from '../../workflows/index.ts';
import { pooledPorts } from './ports.ts';
import { startsAt } from './world.ts';
import { drawCaIdentity } from '../../adapters/ca-identity.ts';

let seedLog: Promise<RecordedEvent[]> | undefined;

/** A real log: the whole seed deployment on pooled keys (every event type the seed writes), made once per process. */
export const realLog = (): Promise<RecordedEvent[]> =>
  (seedLog ??= (async () => {
    const ports = await pooledPorts();
    const lab = await createLab(ports, 'lab', {
      startsAt,
      ca: { edition: 'enterprise', os: 'windows-server-2008' },
      identity: drawCaIdentity(),
    });
    await runScenario(ports, lab, seedDeployment(startsAt));
    return JSON.parse(JSON.stringify(await ports.events.read('lab'))) as RecordedEvent[];
  })());

type Json = unknown;
type Node = Record<string, Json> | Json[];

/** Every place in a JSON value that holds something, as paths. */
const pathsOf = (value: Json, path: (string | number)[] = []): (string | number)[][] => {
  if (typeof value !== 'object' || value === null) return [path];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [path, ...keys.flatMap((k) => pathsOf((value as Record<string | number, Json>)[k], [...path, k]))];
};
const child = (value: Json, key: string | number): Json =>
  typeof value === 'object' && value !== null ? (value as Record<string | number, Json>)[key] : undefined;
const parentOf = (root: Json, path: (string | number)[]): Node | undefined =>
  path.slice(0, -1).reduce<Json>(child, root) as Node | undefined;

/** Values a hand edit or a bug could leave: any JSON, near-misses of names, names every object already has. */
const strangeValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', ''),
  fc.constantFrom('SERVER1', 'contoso-CA1-CA', 'ConfigMgrWebServerCertificate', 'Default Web Site'),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, '2026-11-02T09:00:00.000Z', '2020-01-01T00:00:00Z', 'not a time'),
);

const typeName = fc.oneof(fc.constantFrom(...eventTypes, 'CertificateIssuedd'), fc.string({ maxLength: 12 }));
const time = fc.date({ min: new Date('2025-01-01'), max: new Date('2028-01-01'), noInvalidDate: true });

/** One edit to a log: what a hand edit, a bad merge or a bug could do. */
export const logMutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), path: fc.nat(), value: strangeValue }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), path: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), path: fc.nat(), key: fc.string({ maxLength: 8 }), value: strangeValue }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), type: typeName }),
  fc.record({ kind: fc.constant('time' as const), at: fc.nat(), time }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    byte: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
    restamp: fc.boolean(),
  }),
);
type Mutation = typeof logMutation extends fc.Arbitrary<infer M> ? M : never;

const derOf = (
  event: RecordedEvent,
): { holder: Record<string, string>; der: 'der' | 'certificate'; thumbprint: 'thumbprint' } | undefined => {
  // A retyped event may have no such record, or a DER that is not a string: then there is nothing to flip.
  const found =
    event.type === 'CertificateIssued'
      ? { holder: event.data?.certificate as never, der: 'der' as const }
      : event.type === 'CaInstalled'
        ? { holder: event.data?.authority as never, der: 'certificate' as const }
        : undefined;
  const holder = found?.holder as Record<string, unknown> | undefined;
  if (!found || typeof holder !== 'object' || holder === null || typeof holder[found.der] !== 'string') return undefined;
  return { ...found, thumbprint: 'thumbprint' };
};

const apply = (log: RecordedEvent[], m: Mutation): void => {
  if (log.length === 0) return;
  const i = m.at % log.length;
  const event = log[i]! as unknown as Record<string, Json>;
  const paths = pathsOf(event).filter((p) => p.length > 0);
  const path = 'path' in m ? paths[m.path % paths.length]! : [];
  const parent = parentOf(event, path);
  const key = path[path.length - 1]!;
  switch (m.kind) {
    case 'delete':
      log.splice(i, 1);
      break;
    case 'duplicate':
      log.splice(i, 0, structuredClone(log[i]!));
      break;
    case 'swap': {
      const j = m.with % log.length;
      [log[i], log[j]] = [log[j]!, log[i]!];
      break;
    }
    case 'set':
      if (parent) (parent as Record<string | number, Json>)[key] = m.value;
      break;
    case 'drop':
      if (parent && !Array.isArray(parent)) delete parent[key];
      else if (Array.isArray(parent)) parent.splice(Number(key), 1);
      break;
    case 'add': {
      const target = parentOf(event, [...path, '']);
      // As JSON.parse makes it: an own field, even one named __proto__.
      const field = { value: m.value, enumerable: true, writable: true, configurable: true };
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) Object.defineProperty(target, m.key, field);
      break;
    }
    case 'retype':
      event.type = m.type;
      break;
    case 'time':
      event.at = m.time.toISOString();
      break;
    case 'flip': {
      const certificates = log.filter(derOf);
      const found = certificates.length > 0 ? derOf(certificates[m.at % certificates.length]!) : undefined;
      if (!found) break;
      const bytes = Buffer.from(found.holder[found.der]!, 'base64');
      if (bytes.length === 0) break;
      bytes[m.byte % bytes.length]! ^= 1 << m.bit;
      found.holder[found.der] = bytes.toString('base64');
      if (m.restamp) found.holder[found.thumbprint] = createHash('sha1').update(bytes).digest('hex').toUpperCase();
      break;
    }
  }
};

/** One mutated log, as a log file would give it back: each event through JSON, positions renumbered or not. */
export const mutated = (base: readonly RecordedEvent[], mutations: readonly Mutation[], renumber: boolean): unknown[] => {
  const log = structuredClone(base) as RecordedEvent[];
  for (const m of mutations) apply(log, m);
  if (renumber) log.forEach((e, i) => ((e as { position: number }).position = i + 1));
  return log.map((e) => JSON.parse(JSON.stringify(e) ?? 'null'));
};

/**
 * The property: whatever is done to a real log, `checkLog` never throws, and either reports an error or
 * gives back every event, folding without throwing; the prefix it vouches for always folds; and its fast
 * path agrees with zod alone. Runs `runs` random logs (fast-check), throwing the shrunk counterexample.
 */
export const tortureLogs = async (runs: number, seed?: number): Promise<void> => {
  const base = await realLog();
  const property = fc.property(fc.array(logMutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, renumber) => {
    const entries = mutated(base, mutations, renumber).map((event, i) => ({ line: i + 1, event }));
    const checked: LogCheck = checkLog('lab.jsonl', entries);
    const byZod = checkLog('lab.jsonl', entries, { zodOnly: true });
    if (JSON.stringify(byZod) !== JSON.stringify(checked)) {
      throw new Error(`the fast path and zod disagree:\n${JSON.stringify(checked.errors)}\n${JSON.stringify(byZod.errors)}`);
    }
    fold(checked.events);
    if (checked.errors.length === 0) {
      if (checked.events.length !== entries.length)
        throw new Error(`no error, yet ${checked.events.length} of ${entries.length} events were vouched for`);
      fold(entries.map((e) => e.event as RecordedEvent));
    }
  });
  fc.assert(property, { numRuns: runs, ...(seed === undefined ? {} : { seed }) });
};
