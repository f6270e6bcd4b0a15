/** A reference to a secret kept outside the log (a PFX password): the log records the reference only. */
export interface SecretRef {
  readonly secret: string;
}

/** A secret as a dialog receives it: typed in clear by the person, or already sealed into a reference. */
export type Secret = string | SecretRef;

export const isSecretRef = (value: unknown): value is SecretRef =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as SecretRef).secret === 'string' &&
  Object.keys(value).length === 1;
