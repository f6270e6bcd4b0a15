import { castDraft, type Draft } from 'immer';

/**
 * An event's payload as a fresh draftable value. Recorded events are shared and frozen once folded,
 * so a projection never stores them by reference where a later event of the same batch mutates.
 */
export const copy = <T>(value: T): Draft<T> => castDraft(structuredClone(value));
