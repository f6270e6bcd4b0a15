import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { StudioErrorCode } from '../api.ts';

/** A request the studio refuses: its status, a code of the contract and a message naming what was expected and found. */
export class StudioHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const refuse = (status: ContentfulStatusCode, code: StudioErrorCode, message: string): never => {
  throw new StudioHttpError(status, code, message);
};

export const errorBody = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/** What zod found wrong, as one line: each field, what it expected, what it found. */
const issuesText = (where: string, error: z.ZodError, input: unknown): string =>
  error.issues
    .slice(0, 4)
    .map((issue) => {
      const path = issue.path.join('.');
      let found: unknown = input;
      for (const key of issue.path) found = (found as Record<PropertyKey, unknown> | undefined)?.[key as string];
      if (issue.code === 'unrecognized_keys') return `${where}: expected only its own parameters, found ${issue.keys.join(', ')}`;
      const shown = found === undefined ? 'nothing' : JSON.stringify(found)?.slice(0, 80);
      const expected = issue.message.replace(/^Invalid (input|option): (expected )?/, '').replace(/, received \w+$/, '');
      return `${where}${path ? ` ${path}` : ''}: expected ${expected}, found ${shown}`;
    })
    .join('; ');

/** Parses a request's query or body with its schema; bad input is a 400 naming each field. */
export const parseWith = <S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) refuse(400, 'STUDIO_BAD_REQUEST', issuesText(where, parsed.error, input));
  return parsed.data as z.infer<S>;
};

/** The JSON body of a request, or a 400 saying it is not JSON. */
export const jsonBody = async (c: Context): Promise<unknown> => {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    return refuse(400, 'STUDIO_BAD_REQUEST', `body: expected JSON, found ${text.length ? JSON.stringify(text.slice(0, 40)) : 'nothing'}`);
  }
};

/**
 * A route's body limit: over it, 413 with the limit named, before the body is read whole. The connection is then
 * closed (the rest of the body is never read, so it cannot carry another request).
 */
export const limitBody = (bytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: bytes,
    onError: (c) => {
      c.header('connection', 'close');
      return c.json(errorBody('STUDIO_TOO_LARGE', `body: expected at most ${bytes / 1024 / 1024} MB, found more`), 413);
    },
  });
