/** An infrastructure failure: an Error with a stable code from a port's own list, never a thrown string. */
export interface CodedError<C extends string> extends Error {
  readonly code: C;
}

/** The code an error carries, when it carries a string one. */
const codeOf = (error: unknown): string | undefined => {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** The guard of one port's errors: any Error whose code is in `codes` (optionally exactly `code`). */
export const guardOf =
  <C extends string>(codes: readonly C[]) =>
  <K extends C = C>(error: unknown, code?: K): error is CodedError<K> => {
    const found = codeOf(error);
    return found !== undefined && (codes as readonly string[]).includes(found) && (code === undefined || found === code);
  };

/** The constructor of one port's errors: the code, the message, and any facts a caller may act on. */
export const makerOf =
  <C extends string>() =>
  <K extends C, X extends object = object>(code: K, message: string, facts?: X): CodedError<K> & X =>
    Object.assign(new Error(message), { code }, facts) as CodedError<K> & X;
