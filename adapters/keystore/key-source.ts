import { generateRsa } from './rsa.ts';

/** Where a key store gets a new key pair: base64 PKCS#8 and SubjectPublicKeyInfo. */
export type KeySource = (size: number) => Promise<{ pkcs8: string; spki: string }>;

/** A key generated on the spot. */
export const generatedKeys: KeySource = generateRsa;
