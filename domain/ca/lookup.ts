import type { CaState } from './model.ts';
import type { Template } from './template.ts';

/** A template by its name or display name, as an administrator would type either. */
export const findTemplate = (ca: CaState, name: string): Template | undefined =>
  ca.templates[name] ?? Object.values(ca.templates).find((t) => t.displayName.toLowerCase() === name.toLowerCase());

/** The CAs whose "Certificate Templates to Issue" list the template. */
export const issuingAuthorities = (ca: CaState, template: Template) =>
  Object.values(ca.authorities).filter((authority) => authority.templatesToIssue.includes(template.name));
