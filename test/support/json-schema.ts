/**
 * A JSON Schema (draft 7) checker for the keywords zod's generator emits, so tests can check data against
 * the published schema without a validator dependency. An unknown keyword is an error, never ignored.
 */
type JsonSchema = Record<string, unknown>;

const annotations = new Set(['$schema', 'title', 'description', 'default', 'examples']);
const kindOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number' && Number.isInteger(value)
        ? 'integer'
        : typeof value;
const isType = (value: unknown, type: string) => kindOf(value) === type || (type === 'number' && kindOf(value) === 'integer');

const checks: Record<string, (schema: JsonSchema, value: unknown, at: string) => string[]> = {
  type: (s, v, at) => (([s.type].flat() as string[]).some((t) => isType(v, t)) ? [] : [`${at}: not of type ${String(s.type)}`]),
  enum: (s, v, at) => ((s.enum as unknown[]).includes(v) ? [] : [`${at}: not in the enum`]),
  const: (s, v, at) => (s.const === v ? [] : [`${at}: not ${JSON.stringify(s.const)}`]),
  pattern: (s, v, at) =>
    typeof v !== 'string' || new RegExp(s.pattern as string, 'u').test(v) ? [] : [`${at}: does not match ${String(s.pattern)}`],
  minLength: (s, v, at) => (typeof v !== 'string' || [...v].length >= (s.minLength as number) ? [] : [`${at}: too short`]),
  minimum: (s, v, at) => (typeof v !== 'number' || v >= (s.minimum as number) ? [] : [`${at}: below the minimum`]),
  maximum: (s, v, at) => (typeof v !== 'number' || v <= (s.maximum as number) ? [] : [`${at}: above the maximum`]),
  exclusiveMinimum: (s, v, at) => (typeof v !== 'number' || v > (s.exclusiveMinimum as number) ? [] : [`${at}: not above the minimum`]),
  minItems: (s, v, at) => (!Array.isArray(v) || v.length >= (s.minItems as number) ? [] : [`${at}: too few items`]),
  items: (s, v, at) => (Array.isArray(v) ? v.flatMap((item, i) => jsonSchemaProblems(s.items as JsonSchema, item, `${at}[${i}]`)) : []),
  required: (s, v, at) =>
    kindOf(v) !== 'object' ? [] : (s.required as string[]).filter((k) => !Object.hasOwn(v as object, k)).map((k) => `${at}.${k}: missing`),
  properties: (s, v, at) => {
    if (kindOf(v) !== 'object') return [];
    const present = Object.entries(s.properties as Record<string, JsonSchema>).filter(([k]) => Object.hasOwn(v as object, k));
    return present.flatMap(([k, p]) => jsonSchemaProblems(p, (v as JsonSchema)[k], `${at}.${k}`));
  },
  additionalProperties: (s, v, at) => {
    if (kindOf(v) !== 'object' || s.additionalProperties !== false) return [];
    return Object.keys(v as object)
      .filter((k) => !Object.hasOwn((s.properties as object) ?? {}, k))
      .map((k) => `${at}.${k}: not allowed`);
  },
  anyOf: (s, v, at) =>
    (s.anyOf as JsonSchema[]).some((o) => jsonSchemaProblems(o, v, at).length === 0) ? [] : [`${at}: matches none of anyOf`],
  oneOf: (s, v, at) => {
    const matching = (s.oneOf as JsonSchema[]).filter((o) => jsonSchemaProblems(o, v, at).length === 0);
    return matching.length === 1 ? [] : [`${at}: matches ${matching.length} of oneOf`];
  },
};

/** The problems of a value against a schema (empty when it conforms). */
export const jsonSchemaProblems = (schema: JsonSchema, value: unknown, at = '$'): string[] =>
  Object.keys(schema).flatMap((keyword) => {
    if (annotations.has(keyword)) return [];
    const check = checks[keyword];
    if (!check) throw new Error(`json-schema checker: keyword ${keyword} is not supported (at ${at})`);
    return check(schema, value, at);
  });
