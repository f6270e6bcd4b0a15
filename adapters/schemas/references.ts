import type { LabEvent } from '../../domain/index.ts';
import type { CertificateFacts } from './certificate.ts';

/** The names earlier events created, as far as the fold (or a certificate check) looks them up. */
interface LabNames {
  /** Template name → OID. */
  readonly templates: Map<string, string>;
  /** CA name → the subject its certificate's DER holds (undefined when the DER could not be read). */
  readonly authorities: Map<string, CertificateFacts['subject'] | undefined>;
  /** Host name → its IIS sites. */
  readonly hosts: Map<string, ReadonlySet<string>>;
  readonly gpos: Set<string>;
}

export const noNames = (): LabNames => ({ templates: new Map(), authorities: new Map(), hosts: new Map(), gpos: new Set() });

const unless = (known: boolean, field: string, expected: string, found: string): string | undefined =>
  known ? undefined : `${field}: expected ${expected}, found "${found}", which no earlier event created`;

/**
 * What an event names that no earlier event created, where folding relies on it: the projections look
 * these up without a fallback (a template edit, a binding), or a certificate is checked against its CA.
 */
export const unknownReference = (names: LabNames, event: LabEvent): string | undefined => {
  switch (event.type) {
    case 'TemplateSubjectNameChanged':
    case 'TemplateRequestHandlingChanged':
    case 'TemplatePermissionsChanged':
    case 'TemplateApplicationPolicyAdded':
      return unless(
        names.templates.has(event.data.template),
        'data.template',
        'a template published or duplicated earlier',
        event.data.template,
      );
    case 'TemplateIssued':
    case 'CertificateRequestPending':
    case 'CertificateRevoked':
    case 'CrlPublished':
    case 'CaServiceStopped':
    case 'CaServiceStarted':
      return unless(names.authorities.has(event.data.ca), 'data.ca', 'the CA the lab installed', event.data.ca);
    case 'CertificateIssued':
      return unless(
        names.authorities.has(event.data.certificate.ca),
        'data.certificate.ca',
        'the CA the lab installed',
        event.data.certificate.ca,
      );
    case 'CertificateInstalled':
      return unless(names.hosts.has(event.data.host), 'data.host', 'a host provisioned earlier', event.data.host);
    case 'IisBindingChanged': {
      const sites = names.hosts.get(event.data.host);
      return (
        unless(sites !== undefined, 'data.host', 'a host provisioned earlier', event.data.host) ??
        unless(sites!.has(event.data.site), 'data.site', `one of the IIS sites of ${event.data.host}`, event.data.site)
      );
    }
    case 'AutoenrollmentPolicyConfigured':
      return unless(names.gpos.has(event.data.gpo), 'data.gpo', 'a Group Policy object created earlier', event.data.gpo);
    default:
      // The other events name nothing the projections look up without a fallback.
      return undefined;
  }
};

/** Records the names an event creates. */
export const recordNames = (names: LabNames, event: LabEvent, caSubject?: CertificateFacts['subject']): void => {
  switch (event.type) {
    case 'TemplatePublished':
    case 'TemplateDuplicated':
      names.templates.set(event.data.template.name, event.data.template.oid);
      break;
    case 'CaInstalled':
      names.authorities.set(event.data.authority.name, caSubject);
      break;
    case 'HostProvisioned':
      names.hosts.set(event.data.host.name, new Set(event.data.iisSites.map((site) => site.name)));
      break;
    case 'GpoCreated':
      names.gpos.add(event.data.name);
      break;
    default:
      // The other events create nothing another event names in a way the fold relies on.
      break;
  }
};
