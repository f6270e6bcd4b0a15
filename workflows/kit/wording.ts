import { z } from 'zod';
import { didYouMean } from './did-you-mean.ts';

/** What else a problem may say: a likely intended name (`did you mean "x"?`), and what kind of name was unknown. */
export interface ProblemDetail {
  readonly hint?: string;
  readonly unknown?: string;
}

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

type Issue = Parameters<z.core.$ZodErrorMap>[0];
type IssueOf<C> = Extract<Issue, { code: C }>;
type Owner = Schema | undefined;

/** A discriminated union's issue: the discriminator's values offered, with a did-you-mean for the one given. */
const unionWording = (issue: IssueOf<'invalid_union'>, owner: Owner) => {
  const options = issue.options as readonly unknown[] | undefined;
  const discriminator = issue.discriminator as string | undefined;
  const chosen = (issue.input as Record<string, unknown> | undefined)?.[discriminator ?? ''];
  if (discriminator && options)
    return expected(`a ${discriminator} among ${list(options)}`, { hint: didYouMean(chosen, options), unknown: discriminator });
  return owner ? expects(owner) : 'a valid value';
};

/** What each kind of issue says was expected; a kind not listed keeps zod's own message. */
const issueWording: { readonly [C in Issue['code']]?: (issue: IssueOf<C>, owner: Owner) => string } = {
  invalid_type: (issue, owner) => (owner ? expects(owner) : `a value of type ${issue.expected}`),
  invalid_value: (issue) => {
    const wanted = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${list(issue.values)}`;
    return expected(wanted, { hint: didYouMean(issue.input, issue.values) });
  },
  unrecognized_keys: (issue, owner) => {
    const known = owner ? Object.keys((defOf(owner).shape as object | undefined) ?? {}) : [];
    return expected(`one of the fields ${known.join(', ')}`, { hint: didYouMean(issue.keys[0], known), unknown: 'field' });
  },
  too_small: (issue) => bound(issue.origin, issue.inclusive ? 'at least' : 'more than', issue.minimum),
  too_big: (issue) => bound(issue.origin, issue.inclusive ? 'at most' : 'less than', issue.maximum),
  invalid_format: (issue, owner) => (owner ? expects(owner) : `text of the form ${issue.format}`),
  invalid_union: unionWording,
};

/** The error map given to every parse: each issue's message says what was expected (see `expected`); `explain` reads it back. */
export const expectation: z.core.$ZodErrorMap = (issue) => {
  const owner = (issue.schema ?? issue.inst) as Owner;
  const own = owner && wording.get(owner)?.expected;
  if (own && ['too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'custom'].includes(issue.code)) return own;
  const words = issueWording[issue.code] as ((issue: Issue, owner: Owner) => string) | undefined;
  return words?.(issue, owner);
};
