/**
 * The part of JSON Schema (as zod's toJSONSchema writes a step's choice) that the what-if and step forms draw:
 * objects, strings (enum, const), numbers, booleans, arrays, and anyOf/oneOf alternatives. Pure, no DOM.
 */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
}

export const alternativesOf = (schema: JsonSchema): JsonSchema[] | undefined => schema.anyOf ?? schema.oneOf;

const startingValues: Record<string, (schema: JsonSchema) => unknown> = {
  object: (schema) => Object.fromEntries((schema.required ?? []).map((name) => [name, initialValue(schema.properties?.[name] ?? {})])),
  array: () => [],
  boolean: () => false,
  number: (schema) => schema.minimum ?? 0,
  integer: (schema) => schema.minimum ?? 0,
  null: () => null,
  string: (schema) => schema.enum?.[0] ?? '',
};

/** The value a new field starts with: its default, else the least a valid choice needs (required parts only). */
export const initialValue = (schema: JsonSchema): unknown => {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  const alternatives = alternativesOf(schema);
  if (alternatives) return alternatives.some((a) => a.type === 'null') ? null : initialValue(alternatives[0] ?? {});
  return (startingValues[schema.type ?? 'string'] ?? startingValues.string!)(schema);
};

/** Whether a value has the shape of one alternative: its type, and the constants that tell alternatives apart. */
const fits = (schema: JsonSchema, value: unknown): boolean => {
  if (schema.const !== undefined) return value === schema.const;
  switch (schema.type) {
    case 'null':
      return value === null;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
    case 'integer':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      return Object.entries(schema.properties ?? {}).every(([name, p]) => p.const === undefined || record[name] === p.const);
    }
    default:
      return true;
  }
};

/** Which alternative a value is (the first that fits; the first of all when none does). */
export const alternativeIndex = (alternatives: JsonSchema[], value: unknown): number =>
  Math.max(
    0,
    alternatives.findIndex((a) => fits(a, value)),
  );

/** How an alternative is offered in the form's chooser: "not set", its constant, "text", or its one property. */
export const alternativeLabel = (schema: JsonSchema): string => {
  if (schema.type === 'null') return 'not set';
  const constant = Object.values(schema.properties ?? {}).find((p) => p.const !== undefined)?.const;
  if (constant !== undefined) return String(constant).replace(/-/g, ' ');
  if (schema.type === 'object')
    return Object.keys(schema.properties ?? {})
      .join(', ')
      .replace(/^secret$/, 'a stored secret');
  return schema.type === 'string' ? 'text' : (schema.type ?? 'value');
};

/** The value without the optional parts left empty, as the step's schema expects a choice to be. */
export const pruned = (schema: JsonSchema, value: unknown): unknown => {
  if (schema.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (Array.isArray(value) && schema.items) return value.map((v) => pruned(schema.items ?? {}, v)).filter((v) => v !== '');
    const alternatives = alternativesOf(schema);
    return alternatives ? pruned(alternatives[alternativeIndex(alternatives, value)] ?? {}, value) : value;
  }
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([name, v]) => required.has(name) || (v !== undefined && v !== ''))
      .map(([name, v]) => [name, pruned(schema.properties?.[name] ?? {}, v)]),
  );
};

/** `dnsNames` → "Dns names" (used where the server gives no label of the dialog's own). */
export const wordsOf = (name: string): string => {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};
