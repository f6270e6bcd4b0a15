/** Small validators for dialog choices; each returns the value or throws a ChoiceError naming the path. */
export class ChoiceError extends Error {
  readonly code = 'INVALID_CHOICE';
  constructor(readonly path: string, readonly expected: string, readonly found: unknown) {
    super(`${path}: expected ${expected}, found ${JSON.stringify(found) ?? 'nothing'}`);
  }
}

export type Json = Record<string, unknown>;

export const object = (value: unknown, path: string): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ChoiceError(path, 'a mapping', value);
  return value as Json;
};

export const string = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new ChoiceError(path, 'a non-empty string', value);
  return value;
};

export const optionalString = (value: unknown, path: string): string | undefined => (value === undefined || value === null ? undefined : string(value, path));

export const oneOf = <T extends string>(value: unknown, allowed: readonly T[], path: string): T => {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new ChoiceError(path, `one of ${allowed.join(', ')}`, value);
  return value as T;
};

export const list = <T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] => {
  if (!Array.isArray(value)) throw new ChoiceError(path, 'a list', value);
  return value.map((v, i) => item(v, `${path}[${i}]`));
};

export const integer = (value: unknown, path: string): number => {
  if (!Number.isInteger(value) || (value as number) <= 0) throw new ChoiceError(path, 'a positive integer', value);
  return value as number;
};

/** Rejects keys a dialog does not have, so a typo in a scenario is an error and not a silent default. */
export const onlyKeys = (value: Json, keys: readonly string[], path: string): Json => {
  const unknown = Object.keys(value).filter((k) => !keys.includes(k));
  if (unknown.length > 0) throw new ChoiceError(`${path}.${unknown[0]}`, `one of the fields ${keys.join(', ')}`, unknown[0]);
  return value;
};
