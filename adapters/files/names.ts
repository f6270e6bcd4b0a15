import { isAbsolute, relative, resolve } from 'node:path';
import { guardOf, makerOf } from '../../workflows/index.ts';

/** Failure codes of names under a folder: a name that would lead out of the folder it was meant for. */
const fileNameErrorCodes = ['PATH_OUTSIDE'] as const;
/** Whether `error` is a refused name (of `code`, when given). */
export const isFileNameError = guardOf(fileNameErrorCodes);
const fileNameError = makerOf<(typeof fileNameErrorCodes)[number]>();

/**
 * A name made safe as one folder name: letters, digits, `.`, `_` and `-` only (everything else, separators,
 * NUL and control characters included, becomes `-`), no leading dots, never empty, `.` or `..`.
 */
export const safeFolderName = (name: string, fallback = 'lab'): string => {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 100);
  return cleaned === '' || /^\.+$/.test(cleaned) ? fallback : cleaned;
};

/** `name` joined under `base`, refusing any result that would leave `base` (PATH_OUTSIDE). */
export const inside = (base: string, name: string): string => {
  const path = resolve(base, name);
  const rel = relative(resolve(base), path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw fileNameError('PATH_OUTSIDE', `${JSON.stringify(name)} would lead outside ${base}`);
  return path;
};
