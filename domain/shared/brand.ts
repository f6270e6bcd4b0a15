/** A nominal type: a string that only the named constructor produces. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
