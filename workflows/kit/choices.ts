import { z } from 'zod';
import { hostNamePattern } from '../../domain/index.ts';

/** What else a problem may say: a likely intended name (`did you mean "x"?`), and what kind of name was unknown. */
interface ProblemDetail {
  readonly hint?: string;
  readonly unknown?: string;
}

/** A choice a dialog does not offer: where, what was expected, what was found, and a likely intended value. */
export class ChoiceError extends Error {
  readonly code = 'INVALID_CHOICE';
  readonly hint?: string;
  /** The kind of name that is not known (`field`, `step`), when the problem is an unknown name. */
  readonly unknown?: string;
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly found: unknown,
    detail: ProblemDetail = {},
  ) {
    super(`${path}: expected ${expected}, found ${shown(found, path)}${detail.hint ? `; ${detail.hint}` : ''}`);
    this.hint = detail.hint;
    this.unknown = detail.unknown;
  }
}

// ─── Showing what was found ───

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
const isPlain = (value: object) => Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** A found value as a message shows it: JSON for data, a length for a password, never a thrown error. */
export const shown = (value: unknown, path = ''): string => {
  if (value === undefined) return 'nothing';
  if (/(^|\.)password$/.test(path) && value !== null && typeof value !== 'object') {
    return typeof value === 'string' ? `a password of ${value.length} characters` : `a ${typeof value}`;
  }
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? clip(JSON.stringify(value)) : String(value);
  if (!isPlain(value)) return `a ${value.constructor?.name ?? 'value'}`;
  try {
    return clip(JSON.stringify(value) ?? String(value));
  } catch {
    return Array.isArray(value) ? 'a list' : 'a mapping';
  }
};

// ─── Did you mean ───

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), ignoring case. */
export const editDistance = (left: string, right: string): number => {
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
};

/** `did you mean "x"?` when one candidate is within two edits of the word (one for short words), else undefined. */
export const didYouMean = (word: unknown, candidates: readonly unknown[]): string | undefined => {
  if (typeof word !== 'string' || word.length === 0 || word.length > 64) return undefined;
  const limit = word.length <= 3 ? 1 : 2;
  const scored = candidates
    .filter((c): c is string => typeof c === 'string' && c !== word && Math.abs(c.length - word.length) <= limit)
    .map((c) => ({ c, d: editDistance(word, c) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d);
  return scored[0] ? `did you mean "${scored[0].c}"?` : undefined;
};

// ─── What a schema expects ───

/** Wording for what a schema expects, where zod's own would be too vague ("a non-empty string"). */
export const wording = z.registry<{ expected: string; items?: string }>();

type Schema = z.core.$ZodType;
const defOf = (schema: Schema) => schema._zod.def as unknown as Record<string, unknown> & { type: string };

const list = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

/** What a value of this schema is, in words: "a non-empty string", "a list of names", "one of a, b". */
export const expects = (schema: Schema): string => {
  const own = wording.get(schema)?.expected;
  if (own) return own;
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return 'a string';
    case 'number':
      return def.format ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${list(Object.values(def.entries as object))}`;
    case 'literal':
      return (def.values as unknown[]).map((v) => JSON.stringify(v)).join(' or ');
    case 'array':
      return `a list of ${itemsOf(def.element as Schema)}`;
    case 'object':
      return 'a mapping';
    case 'union':
      return (def.options as Schema[]).map(expects).join(' or ');
    case 'pipe':
      return expects(def.in as Schema);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return expects(def.innerType as Schema);
    default:
      return 'a valid value';
  }
};

const itemsOf = (schema: Schema): string => {
  const own = wording.get(schema)?.items;
  if (own) return own;
  const type = defOf(schema).type;
  const plural: Record<string, string> = { string: 'strings', object: 'mappings', number: 'numbers', boolean: 'true or false values' };
  return plural[type] ?? expects(schema).replace(/^one of /, 'values among ');
};

const bound = (origin: string, words: string, limit: number | bigint) => {
  const unit = ({ string: 'character', array: 'item' } as Record<string, string>)[origin];
  return `${words} ${limit}${unit ? ` ${unit}${Number(limit) === 1 ? '' : 's'}` : ''}`;
};

/** An error-map message: what was expected, then (more lines) a hint such as `did you mean "x"?` and the kind of name unknown. */
export const expected = (text: string, detail: ProblemDetail = {}) =>
  detail.hint || detail.unknown ? [text, detail.hint ?? '', detail.unknown ?? ''].join('\n') : text;

/** The error map given to every parse: each issue's message says what was expected (see `expected`); `explain` reads it back. */
export const expectation: z.core.$ZodErrorMap = (issue) => {
  const owner = (issue.schema ?? issue.inst) as Schema | undefined;
  const own = owner && wording.get(owner)?.expected;
  if (own && ['too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'custom'].includes(issue.code)) return own;
  switch (issue.code) {
    case 'invalid_type':
      return owner ? expects(owner) : `a value of type ${issue.expected}`;
    case 'invalid_value': {
      const wanted = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${list(issue.values)}`;
      return expected(wanted, { hint: didYouMean(issue.input, issue.values) });
    }
    case 'unrecognized_keys': {
      const known = owner ? Object.keys((defOf(owner).shape as object | undefined) ?? {}) : [];
      return expected(`one of the fields ${known.join(', ')}`, { hint: didYouMean(issue.keys[0], known), unknown: 'field' });
    }
    case 'too_small':
      return bound(issue.origin, issue.inclusive ? 'at least' : 'more than', issue.minimum);
    case 'too_big':
      return bound(issue.origin, issue.inclusive ? 'at most' : 'less than', issue.maximum);
    case 'invalid_format':
      return owner ? expects(owner) : `text of the form ${issue.format}`;
    case 'invalid_union': {
      const options = issue.options as readonly unknown[] | undefined;
      const discriminator = issue.discriminator as string | undefined;
      const chosen = (issue.input as Record<string, unknown> | undefined)?.[discriminator ?? ''];
      if (discriminator && options)
        return expected(`a ${discriminator} among ${list(options)}`, { hint: didYouMean(chosen, options), unknown: discriminator });
      return owner ? expects(owner) : 'a valid value';
    }
    default:
      return undefined;
  }
};

// ─── From zod issues to one problem ───

export type Path = (string | number)[];
/** One problem of an input: where (a path into it), what was expected, what was found, maybe a hint. */
export interface Problem extends ProblemDetail {
  readonly path: Path;
  readonly expected: string;
  readonly found: unknown;
}

/** How far a union branch got with a value: deeper is further; a wrong kind of value at the top is the least. */
const score = (issue: z.core.$ZodIssue, value: unknown) => {
  const wrongKind =
    issue.code === 'invalid_type' || (issue.code === 'invalid_value' && !issue.values.some((v) => typeof v === typeof value));
  return issue.path.length * 2 + (issue.path.length === 0 && wrongKind ? 0 : 1);
};

/** The union branch that went furthest, when one clearly did; otherwise the union is reported as a whole. */
const bestBranch = (branches: z.core.$ZodIssue[][], value: unknown): z.core.$ZodIssue | undefined => {
  const firsts = branches.map((b) => b[0]).filter((i): i is z.core.$ZodIssue => i !== undefined);
  const top = Math.max(...firsts.map((i) => score(i, value)));
  const best = firsts.filter((i) => score(i, value) === top);
  if (best.length === 1) return best[0];
  // A mapping that names a branch's discriminator (procedure: …, action: …) meant that branch.
  const named = best.filter(
    (i) => i.code === 'invalid_union' && typeof i.discriminator === 'string' && child(value, i.discriminator) !== undefined,
  );
  return named.length === 1 ? named[0] : undefined;
};

const child = (value: unknown, key: string | number): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
const valueAt = (input: unknown, path: Path): unknown => path.reduce<unknown>(child, input);

/** Explains one zod issue of `input` (parsed with `expectation`), descending into the union branch meant. */
export const explain = (issue: z.core.$ZodIssue, input: unknown, prefix: Path = []): Problem => {
  const path = [...prefix, ...(issue.path as Path)];
  if (issue.code === 'invalid_union') {
    const branch = bestBranch(issue.errors, valueAt(input, path));
    if (branch) return explain(branch, input, path);
  }
  const [wanted = 'a valid value', hint, unknown] = issue.message.split('\n');
  const found =
    issue.code === 'unrecognized_keys' ? { path: [...path, issue.keys[0]!], found: issue.keys[0] } : { path, found: valueAt(input, path) };
  return { ...found, expected: wanted, ...(hint ? { hint } : {}), ...(unknown ? { unknown } : {}) };
};

const segment = (text: string, key: string | number) => {
  if (typeof key === 'number') return `${text}[${key}]`;
  if (!/^[\w$-]+$/.test(key)) return `${text}[${clip(JSON.stringify(key))}]`;
  return text ? `${text}.${key}` : key;
};

/** `steps.request-certificate` + ['dnsNames', 0] → `steps.request-certificate.dnsNames[0]`; odd keys are quoted: `expect["a b"]`. */
export const pathText = (base: string, path: Path): string => path.reduce<string>(segment, base);

// ─── Choices ───

/** A step's choice: always a strict mapping, so a misspelt field is an error and not a silent default. */
export type ChoiceSchema = z.ZodObject<z.core.$ZodShape, z.core.$strict>;

/** Checks a value against a schema; throws the ChoiceError of its first problem, named under `path`. */
const checked = <S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> => {
  const result = schema.safeParse(value, { error: expectation });
  if (result.success) return result.data;
  const problem = explain(result.error.issues[0]!, value);
  throw new ChoiceError(pathText(path, problem.path), problem.expected, problem.found, problem);
};

/** A step's schema and the parse built on it; `finish` turns the checked fields into the choice. */
export function choiceOf<S extends ChoiceSchema>(schema: S): { schema: S; parse: (value: unknown, path: string) => z.output<S> };
export function choiceOf<S extends ChoiceSchema, C>(
  schema: S,
  finish: (value: z.output<S>, path: string) => C,
): { schema: S; parse: (value: unknown, path: string) => C };
export function choiceOf<S extends ChoiceSchema, C>(schema: S, finish?: (value: z.output<S>, path: string) => C) {
  const parse = (value: unknown, path: string) => (finish ? finish(checked(schema, value, path), path) : checked(schema, value, path));
  return { schema, parse };
}

// ─── Fields many dialogs share ───

/** A name typed in a dialog: a string with something other than spaces in it. */
export const text = z.string().regex(/\S/).register(wording, { expected: 'a non-empty string', items: 'non-empty strings' });
/** An optional name; null (to clear the seed's value) reads as absent. */
export const optionalText = text.nullish().transform((value) => value ?? undefined);
/** A computer's name as HostName accepts it, so that a step's commands can brand it (a wrong one is an invalid choice). */
export const hostNameText = z
  .string()
  .regex(hostNamePattern)
  .register(wording, { expected: "a computer's name (letters, digits, '.', '-' or '_')", items: "computers' names" });
export const names = z.array(text);

const sealed = z.strictObject({ secret: text }).register(wording, { expected: 'a sealed reference { secret: <name> }' });
/** A password as a dialog receives it: typed in clear, or a sealed reference to one kept outside the log. */
export const secret = z
  .union([z.string(), sealed])
  .register(wording, { expected: 'a password (a string) or a sealed reference { secret: <name> }' });
/** The export wizard's password: at least 8 characters when typed in clear. */
export const strongSecret = z
  .union([z.string().min(8, { error: 'a strong password of at least 8 characters, as the export wizard asks' }), sealed])
  .register(wording, { expected: 'a password of at least 8 characters or a sealed reference { secret: <name> }' });
