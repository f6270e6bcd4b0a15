import { useEffect, useState } from 'react';
import type { StudioError } from '../api.ts';

/** A refusal or failure of the studio's server, with its stable code (STUDIO_…) and message. */
export class StudioRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** `/api/…` with the query's defined values; the token travels in the cookie the server set on the first load. */
export const apiUrl = (path: string, query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const search = params.toString();
  return `/api/${path}${search ? `?${search}` : ''}`;
};

export const labApi = (lab: string, rest: string, query: Query = {}): string => apiUrl(`labs/${encodeURIComponent(lab)}/${rest}`, query);

const answer = async <T>(response: Response): Promise<T> => {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new StudioRequestError('STUDIO_BAD_ANSWER', `expected JSON from ${response.url}, found "${text.slice(0, 80)}"`, response.status);
  }
  if (!response.ok) {
    const error = (body as Partial<StudioError>).error;
    throw new StudioRequestError(error?.code ?? `HTTP_${response.status}`, error?.message ?? `HTTP ${response.status}`, response.status);
  }
  return body as T;
};

export const getJson = async <T>(url: string, signal?: AbortSignal): Promise<T> =>
  answer<T>(await fetch(url, { credentials: 'same-origin', ...(signal ? { signal } : {}) }));

export const postJson = async <T>(url: string, body: unknown): Promise<T> =>
  answer<T>(
    await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

interface Loaded<T> {
  data: T | undefined;
  error: StudioRequestError | undefined;
  loading: boolean;
}

/** The answer at `url` (nothing while url is null), fetched again when url or revision changes; a stale answer never lands. */
export const useJson = <T>(url: string | null, revision = 0): Loaded<T> => {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined, loading: url !== null });
  useEffect(() => {
    if (url === null) return setState({ data: undefined, error: undefined, loading: false });
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(url, abort.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const failure = error instanceof StudioRequestError ? error : new StudioRequestError('STUDIO_UNREACHABLE', String(error), 0);
        setState({ data: undefined, error: failure, loading: false });
      },
    );
    return () => abort.abort();
  }, [url, revision]);
  return state;
};
