import { reject, type FailureName, type Rejection } from './rejection.ts';

/** A decider accepted the command: the events it decided, in order. */
type Accepted<E> = { readonly kind: 'accepted'; readonly events: readonly E[] };
/** A decider refused the command: the AD CS (or lab) failure and why. */
type Refused = { readonly kind: 'rejected'; readonly rejection: Rejection };

/**
 * What a decider answers: events (`E`, the events its context may produce), a refusal, or IO the engine must do
 * before the events exist (`Io`: a key and a signature, a file). Each bounded context names its own `E` and `Io`;
 * domain/lab's Decision is the union of them all.
 */
export type Decided<E, Io = never> = Accepted<E> | Refused | Io;

/** The accepting function of a context whose deciders produce `E`: `const accept = accepting<CaSideEvent>()`. */
export const accepting =
  <E>() =>
  (...events: E[]): Accepted<E> => ({ kind: 'accepted', events });

export const refuse = (name: FailureName, reason: string): Refused => ({ kind: 'rejected', rejection: reject(name, reason) });
