import { refuse, type Decision } from '../lab/decision.ts';
import type { CaState, IssuedCertificate } from './model.ts';
import type { Template } from './template.ts';

/** A template by its name or display name, as an administrator would type either. */
export const findTemplate = (ca: CaState, name: string): Template | undefined =>
  ca.templates[name] ?? Object.values(ca.templates).find((t) => t.displayName.toLowerCase() === name.toLowerCase());

/** The refusal for a template name the lab does not have, listing the display names the console shows. */
export const templateNotFound = (ca: CaState, name: string): Decision => {
  const listed = Object.values(ca.templates).map((t) => t.displayName).sort().join(', ');
  return refuse('NOT_FOUND', `Expected a certificate template named "${name}"; the Certificate Templates console lists ${listed || 'none'}.`);
};

/** The CAs whose "Certificate Templates to Issue" list the template. */
export const issuingAuthorities = (ca: CaState, template: Template) =>
  Object.values(ca.authorities).filter((authority) => authority.templatesToIssue.includes(template.name));

/** The certificate the CA issued with this thumbprint (through the thumbprint index, not a scan of every certificate). */
export const issuedByThumbprint = (ca: CaState, thumbprint: string | undefined): IssuedCertificate | undefined => {
  const serial = thumbprint === undefined ? undefined : ca.serialByThumbprint[thumbprint];
  return serial === undefined ? undefined : ca.issued[serial];
};

/** The certificates issued to a requester, oldest first. */
export const issuedTo = (ca: CaState, requester: string): IssuedCertificate[] =>
  (ca.serialsByRequester[requester] ?? []).map((serial) => ca.issued[serial]!);
