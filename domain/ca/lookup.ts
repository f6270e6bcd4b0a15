import type { Thumbprint } from '../shared/ids.ts';
import { refuse } from '../shared/decision.ts';
import type { CaDecision, CaView } from './decision.ts';
import type { CaState, CertificationAuthority, IssuedCertificate } from './model.ts';
import type { Template } from './template.ts';
import { DisplayName, TemplateName } from '../shared/ids.ts';

/** The template whose cn is `name`: what AD, certreq -attrib CertificateTemplate and the CA's list use. */
export const findTemplate = (ca: CaState, name: TemplateName): Template | undefined =>
  Object.hasOwn(ca.templates, name) ? ca.templates[name] : undefined;

/** The template the console lists as `displayName`, in any case (the console finds it so). Never by its cn. */
export const findTemplateByDisplayName = (ca: CaState, displayName: DisplayName): Template | undefined => {
  const wanted = displayName.toLowerCase();
  return Object.values(ca.templates).find((t) => t.displayName.toLowerCase() === wanted);
};

/**
 * The template an administrator means by a name typed into a dialog, an action or a scenario, which accept
 * either: the template name when one is that, else the display name.
 */
export const templateAsTyped = (ca: CaState, typed: string): Template | undefined =>
  findTemplate(ca, TemplateName(typed)) ?? findTemplateByDisplayName(ca, DisplayName(typed));

/** The refusal for a template name the lab does not have, listing the display names the console shows. */
export const templateNotFound = (ca: CaState, name: string): CaDecision => {
  const listed = Object.values(ca.templates)
    .map((t) => t.displayName)
    .sort()
    .join(', ');
  return refuse(
    'NOT_FOUND',
    `Expected a certificate template named "${name}"; the Certificate Templates console lists ${listed || 'none'}.`,
  );
};

/** The CA a command names, or the lab's only CA when it names none (never another CA than the one named). */
export const authorityFor = (world: CaView, name: string | undefined): CertificationAuthority | undefined =>
  name === undefined
    ? Object.values(world.ca.authorities)[0]
    : Object.hasOwn(world.ca.authorities, name)
      ? world.ca.authorities[name]
      : undefined;

/** The refusal for a CA the lab does not have, listing the ones it has. */
export const caNotFound = (world: CaView, name: string | undefined): CaDecision =>
  refuse(
    'NOT_FOUND',
    name === undefined
      ? 'Expected a certification authority in the lab; none is installed.'
      : `Expected a CA named "${name}"; the lab has ${Object.keys(world.ca.authorities).join(', ') || 'none'}.`,
  );

/** The CAs whose "Certificate Templates to Issue" list the template. */
export const issuingAuthorities = (ca: CaState, template: Template) =>
  Object.values(ca.authorities).filter((authority) => authority.templatesToIssue.includes(template.name));

/** The certificate the CA issued with this thumbprint (through the thumbprint index, not a scan of every certificate). */
export const issuedByThumbprint = (ca: CaState, thumbprint: Thumbprint | undefined): IssuedCertificate | undefined => {
  const serial = thumbprint === undefined ? undefined : ca.serialByThumbprint[thumbprint];
  return serial === undefined ? undefined : ca.issued[serial];
};

/** The certificates issued to a requester, oldest first. */
export const issuedTo = (ca: CaState, requester: string): IssuedCertificate[] =>
  (Object.hasOwn(ca.serialsByRequester, requester) ? ca.serialsByRequester[requester]! : []).map((serial) => ca.issued[serial]!);
