import { StoreError } from './store-error.ts';

export const isPostgresUrl = (spec: string): boolean => /^postgres(ql)?:\/\//i.test(spec);

/** Query parameters that carry a password (libpq reads both from a URL). */
const passwordParam = /([?&](?:ssl)?password=)[^&#]*/gi;

/**
 * A URL as it may be shown: any password replaced by ***, also in a URL that does not parse (everything from
 * the user name's colon to the last @ goes) and in ?password= / ?sslpassword=.
 */
export const maskPassword = (spec: string): string => spec.replace(/^([a-z]+:\/\/[^:@/]*):.*@/i, '$1:***@').replace(passwordParam, '$1***');

/**
 * Splits pkilab's own `schema` parameter off a URL (`postgres://u:p@host/db?schema=class1`); the rest goes
 * to `pg` as is. The schema defaults to `pkilab`.
 */
export const parseStoreUrl = (spec: string): { connectionString: string; schema: string; shown: string } => {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new StoreError(
      'STORE_URL',
      `expected a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/pkilab, found ${JSON.stringify(maskPassword(spec))}`,
    );
  }
  const schema = url.searchParams.get('schema') ?? 'pkilab';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new StoreError('STORE_URL', `schema: expected a lower-case SQL name (letters, digits, _), found ${JSON.stringify(schema)}`);
  url.searchParams.delete('schema');
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return {
    connectionString: url.toString(),
    schema,
    shown: `${maskPassword(shown.toString())}${schema === 'pkilab' ? '' : `${shown.search ? '&' : '?'}schema=${schema}`}`,
  };
};
