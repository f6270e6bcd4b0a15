import type { Brand } from './brand.ts';

// Names that are all strings but never interchangeable: each is made by its same-named constructor, at the
// edge that knows which one it holds (a schema, a parser, a decision that just made it). Casts only: the
// schemas check the format, and the JSON of events and logs is the plain string.

/** A template's cn (`WebServer`, `ConfigMgrWebServerCertificate`): what AD, certreq and the CA's list use. */
export type TemplateName = Brand<string, 'TemplateName'>;
export const TemplateName = (name: string): TemplateName => name as TemplateName;

/** What the Certificate Templates console and the enrollment wizard show (`Web Server`). */
export type DisplayName = Brand<string, 'DisplayName'>;
export const DisplayName = (name: string): DisplayName => name as DisplayName;

/** A certificate's SHA-1 thumbprint in upper-case hex, as the certificate store and IIS name it. */
export type Thumbprint = Brand<string, 'Thumbprint'>;
export const Thumbprint = (hex: string): Thumbprint => hex as Thumbprint;

/** A computer's (or device's) name in the lab, as AD, the consoles and the stores name it (`SERVER1`, `JOHND-PHONE`). */
export type HostName = Brand<string, 'HostName'>;
/** What a host name is: 1 to 63 letters, digits, dots, hyphens or underscores, starting with a letter or digit (an account's name). */
export const hostNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** Checks the name against `hostNamePattern`; a RangeError says what was expected and what was found. */
export const HostName = (name: string): HostName => {
  if (!hostNamePattern.test(name))
    throw new RangeError(
      `Expected a host name (1 to 63 letters, digits, '.', '-' or '_', starting with a letter or digit); found ${JSON.stringify(name)}.`,
    );
  return name as HostName;
};

/** A private key's name in the lab's key store (`ca-contoso-CA1-CA`, `req-3-web01`): the log names keys, never holds them. */
export type KeyRef = Brand<string, 'KeyRef'>;
export const KeyRef = (ref: string): KeyRef => ref as KeyRef;

/** The key a request's requester makes for request `requestId`: one per request, named after the request and the requester. */
export const requestKeyRef = (requestId: number, requester: string): KeyRef =>
  KeyRef(`req-${requestId}-${requester.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
