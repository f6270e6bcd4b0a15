import { guardOf } from '../../workflows/index.ts';

/** Failure codes of a PostgreSQL store that cannot be used as given: a bad URL or lab name, no server, another passphrase… */
const storeErrorCodes = [
  'STORE_URL',
  'STORE_USAGE',
  'STORE_UNREACHABLE',
  'STORE_PASSPHRASE',
  'STORE_LAB_NAME',
  'STORE_LAB_EXISTS',
  'STORE_LAB_MISSING',
  /** A copied lab reads back different from its source. */
  'STORE_COPY_DIFFERS',
] as const;
type StoreErrorCode = (typeof storeErrorCodes)[number];

/** A PostgreSQL store that cannot be used as given (bad URL, no server, no passphrase). Exit 2 in the CLI. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Whether `error` is a store failure (of `code`, when given), whichever module raised it. */
export const isStoreError = guardOf(storeErrorCodes);
