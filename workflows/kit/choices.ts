import { z } from 'zod';
import { hostNamePattern } from '../../domain/index.ts';
import { expectation, wording, type ProblemDetail } from './wording.ts';

export { didYouMean, editDistance } from './did-you-mean.ts';
export { expected, expectation, expects, wording } from './wording.ts';

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

/** A found value that is not an object (null included): a password by its length only, text as JSON, the rest as written. */
const scalarShown = (value: unknown, path: string): string => {
  if (value !== null && /(^|\.)password$/.test(path)) {
    return typeof value === 'string' ? `a password of ${value.length} characters` : `a ${typeof value}`;
  }
  return typeof value === 'string' ? clip(JSON.stringify(value)) : String(value);
};

/** A found value as a message shows it: JSON for data, a length for a password, never a thrown error. */
export const shown = (value: unknown, path = ''): string => {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value !== 'object') return scalarShown(value, path);
  if (!isPlain(value)) return `a ${value.constructor?.name ?? 'value'}`;
  try {
    return clip(JSON.stringify(value) ?? String(value));
  } catch {
    return Array.isArray(value) ? 'a list' : 'a mapping';
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
