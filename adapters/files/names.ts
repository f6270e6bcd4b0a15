import { isAbsolute, relative, resolve } from 'node:path';

/**
 * A name made safe as one folder name: letters, digits, `.`, `_` and `-` only (everything else, separators,
 * NUL and control characters included, becomes `-`), no leading dots, never empty, `.` or `..`.
 */
export const safeFolderName = (name: string, fallback = 'lab'): string => {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').replace(/-+$/, '').slice(0, 100);
  return cleaned === '' || /^\.+$/.test(cleaned) ? fallback : cleaned;
};

/** `name` joined under `base`, refusing any result that would leave `base`. */
export const inside = (base: string, name: string): string => {
  const path = resolve(base, name);
  const rel = relative(resolve(base), path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new RangeError(`${JSON.stringify(name)} would lead outside ${base}`);
  return path;
};
