import type { z } from 'zod';

/** A value as a message shows it: short, and saying "nothing" for a missing field. */
export const shown = (value: unknown): string => {
  if (value === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(value)) return `an array (${value.length} items)`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 48 ? `${json.slice(0, 45)}...` : json;
};

const at = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined),
    root,
  );

/** `data.certificate.dnsNames[0]` */
const pathText = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');

const expectedWord: Record<string, string> = {
  nonoptional: 'a value',
  int: 'an integer',
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  tuple: 'a pair',
};
const listed = (values: readonly unknown[]): string => {
  const shownValues = values
    .slice(0, 8)
    .map((v) => JSON.stringify(v))
    .join(' | ');
  return values.length <= 8 ? shownValues : `${shownValues} | ... (${values.length} in all)`;
};

/** What one zod issue means, as "path: expected ..., found ...", the path relative to `root` (named `rootName` when empty). */
export const describeIssue = (issue: z.core.$ZodIssue, root: unknown, rootName = 'the event'): string => {
  const where = pathText(issue.path) || `(${rootName})`;
  const found = shown(at(root, issue.path));
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${expectedWord[issue.expected] ?? issue.expected}, found ${found}`;
    case 'unrecognized_keys':
      return `${where}: expected only the fields this event type defines, found ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} besides`;
    case 'invalid_value':
      return `${where}: expected ${listed(issue.values)}, found ${found}`;
    case 'invalid_union':
      return issue.discriminator !== undefined && 'options' in issue && issue.options
        ? `${where}: expected ${listed(issue.options)}, found ${found}`
        : `${where}: expected one of the allowed shapes, found ${found}`;
    case 'too_small':
      return `${where}: expected ${issue.origin === 'array' ? 'at least' : 'a value ≥'} ${issue.minimum}, found ${found}`;
    case 'too_big':
      return `${where}: expected ${issue.origin === 'array' ? 'at most' : 'a value ≤'} ${issue.maximum}, found ${found}`;
    default:
      // Formats (time, base64) and refinements carry their own "expected ..." message.
      return `${where}: ${issue.message.startsWith('expected') ? issue.message.replace(/, found .*$/, '') : `expected ${issue.message}`}, found ${found}`;
  }
};

const distance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1)
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
};

/** The few known names nearest a misspelt one, for "did you mean" lists that stay short. */
export const closest = (name: string, known: readonly string[], howMany = 3): string[] =>
  [...known]
    .sort((a, b) => distance(name.toLowerCase(), a.toLowerCase()) - distance(name.toLowerCase(), b.toLowerCase()))
    .slice(0, howMany);
