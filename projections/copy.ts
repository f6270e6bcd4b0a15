import { castDraft, type Draft } from 'immer';

/**
 * An event's payload as a fresh draftable value. Recorded events are shared, so a projection never
 * stores them by reference where a later event of the same batch mutates.
 */
export const copy = <T>(value: T): Draft<T> => castDraft(structuredClone(value));

/**
 * A value the projection stores and never edits in place (a certificate, a principal, a list of
 * positions). Freezing it tells immer there is no draft inside, so finishing a batch does not walk it.
 */
export const settled = <T>(value: T): Draft<T> => castDraft(Object.freeze(value));
