import fc from 'fast-check';
import { parse } from 'yaml';
import { parseScenario, ScenarioError } from '../../adapters/scenario/load.ts';
import { scenarioJsonSchema } from '../../adapters/scenario/schema.ts';
import { jsonSchemaProblems } from './json-schema.ts';
import { pick, validScenario, validScenarioData, yamlOf, type Json, type ScenarioSample } from './scenario-arbitraries.ts';
import { aliases, control, hugeNumber, randomText, syntax } from './scenario-damage.ts';

/**
 * The scenario torture property: every generated file, valid or broken, either parses or is refused with a
 * ScenarioError that starts `file:line:column: `, within a time budget; valid files always parse and conform
 * to the published JSON Schema. `tortureScenarios(n)` runs it n times (the torture script runs 10,000).
 */
type Path = (string | number)[];

const nodes = (value: Json, path: Path = []): { path: Path; value: Json }[] => [
  { path, value },
  ...(value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, Array.isArray(value) ? Number(k) : k]))
    : []),
];

const replaced = (data: Json, path: Path, make: (old: Json) => Json): Json => {
  if (path.length === 0) return make(data);
  const [head, ...rest] = path;
  const copy = (Array.isArray(data) ? [...data] : { ...(data as object) }) as Record<string | number, Json>;
  copy[head!] = replaced(copy[head!] ?? null, rest, make);
  return copy as Json;
};

const renamed = (data: Json, path: Path, key: string, to: string): Json =>
  replaced(data, path, (old) => Object.fromEntries(Object.entries(old as object).map(([k, v]) => [k === key ? to : k, v])));

/** A key with one edit (insert, delete, swap, case), or a key with a special meaning elsewhere. */
const misspelling = fc.oneof(
  fc
    .tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'swap', 'case'), fc.constantFrom('s', 'x', '-', '_', 'é'))
    .map(([at, op, c]) => (key: string) => {
      const i = key.length === 0 ? 0 : at % key.length;
      if (op === 'insert') return `${key.slice(0, i)}${c}${key.slice(i)}`;
      if (op === 'delete') return `${key.slice(0, i)}${key.slice(i + 1)}` || 'x';
      if (op === 'swap') return i + 1 < key.length ? `${key.slice(0, i)}${key[i + 1]}${key[i]}${key.slice(i + 2)}` : `${key}${c}`;
      return key.toUpperCase() === key ? `${key}${c}` : key.toUpperCase();
    }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '<<', '', ' ', '0').map((special) => () => special),
);

const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, 'false', 'true', 'skip', '', ' ', [], {}, [null], { secret: 5 }, 'x'.repeat(5000)),
  fc.double() as fc.Arbitrary<Json>,
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const onData = (kind: string, mutate: fc.Arbitrary<(data: Json) => Json>): fc.Arbitrary<ScenarioSample> =>
  fc
    .tuple(validScenarioData, mutate, fc.boolean())
    .map(([data, change, flow]) => ({ kind, text: yamlOf(change(data), flow, false), valid: false }));

const misspelt = onData(
  'misspelt key',
  fc.tuple(fc.nat(), misspelling).map(([at, spell]) => (data: Json) => {
    const maps = nodes(data).filter(
      (n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value) && Object.keys(n.value).length > 0,
    );
    const target = pick(maps, at);
    const key = pick(Object.keys(target.value as object), at);
    return renamed(data, target.path, key, spell(key));
  }),
);

const wrongType = onData(
  'wrong type',
  fc.tuple(fc.nat(), oddValue).map(
    ([at, odd]) =>
      (data: Json) =>
        replaced(data, pick(nodes(data), at).path, () => odd),
  ),
);

const wrongNesting = onData(
  'wrong nesting',
  fc.tuple(fc.nat(), fc.constantFrom('list', 'map', 'up')).map(([at, how]) => (data: Json) => {
    const target = pick(nodes(data), at);
    if (how === 'up' && target.path.length > 0) return replaced(data, target.path.slice(0, -1), () => target.value);
    return replaced(data, target.path, (old) => (how === 'list' ? [old] : { value: old }));
  }),
);

/** Valid and broken scenario files in about equal measure. */
export const scenarioSamples: fc.Arbitrary<ScenarioSample> = fc.oneof(
  validScenario,
  misspelt,
  wrongType,
  wrongNesting,
  syntax,
  control,
  hugeNumber,
  aliases,
  randomText,
);

const published = scenarioJsonSchema() as Record<string, unknown>;

/** Parses one sample and says how it ended; throws on any other outcome (another exception, no position, too slow). */
export const checkScenarioText = (sample: ScenarioSample, budgetMs = 2000): 'parsed' | 'refused' => {
  const started = performance.now();
  let outcome: 'parsed' | 'refused' = 'parsed';
  try {
    parseScenario('fuzz.yaml', sample.text);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw new Error(`${sample.kind}: threw ${String(error)} instead of a ScenarioError`);
    const located = /^[^:]+:\d+:\d+: /.test(error.message) && !error.message.includes('\n');
    if (!located) throw new Error(`${sample.kind}: not one line starting file:line:column: ${error.message}`);
    outcome = 'refused';
  }
  const took = performance.now() - started;
  if (took > budgetMs) throw new Error(`${sample.kind}: took ${Math.round(took)} ms`);
  if (sample.valid && outcome === 'refused') throw new Error(`${sample.kind}: a valid scenario was refused`);
  if (sample.valid) {
    const problems = jsonSchemaProblems(published, parse(sample.text) as unknown);
    if (problems.length > 0) throw new Error(`${sample.kind}: the JSON Schema refuses a valid scenario: ${problems.join('; ')}`);
  }
  return outcome;
};

export const scenarioProperty = fc.property(scenarioSamples, (sample) => {
  checkScenarioText(sample);
});

export interface TortureReport {
  readonly runs: number;
  readonly parsed: number;
  readonly refused: number;
  readonly ms: number;
  readonly kinds: Record<string, number>;
}

/** Runs the property `runs` times (fast-check shrinks and reports any counterexample with its seed). */
export const tortureScenarios = (runs: number, seed?: number): TortureReport => {
  const counts = { parsed: 0, refused: 0 };
  const kinds: Record<string, number> = {};
  const started = performance.now();
  const counted = fc.property(scenarioSamples, (sample) => {
    counts[checkScenarioText(sample)] += 1;
    kinds[sample.kind] = (kinds[sample.kind] ?? 0) + 1;
  });
  fc.assert(counted, { numRuns: runs, ...(seed === undefined ? {} : { seed }) });
  return { runs, ...counts, ms: Math.round(performance.now() - started), kinds };
};
