import type { HostName } from '../shared/ids.ts';
import type { CertificateSelection } from '../hosts/commands.ts';
import type { TemplateSettings } from './admin-events.ts';

/** Commands of the CA administrator's actions outside the seed's procedures. */

/** Take a template off a CA's Certificate Templates to Issue. */
export type RemoveTemplateFromCa = { readonly type: 'RemoveTemplateFromCa'; readonly ca?: string; readonly template: string };
/** Edit a settings tab of a template (General, Request Handling, Issuance Requirements, Superseded Templates). */
export type ChangeTemplateSettings = {
  readonly type: 'ChangeTemplateSettings';
  readonly template: string;
  readonly tab: string;
  readonly settings: TemplateSettings;
};
/** Pending Requests › All Tasks › Issue (`certutil -resubmit`) or Deny (`certutil -deny`). */
export type ApproveRequest = { readonly type: 'ApproveRequest'; readonly ca?: string; readonly requestId: number };
export type DenyRequest = { readonly type: 'DenyRequest'; readonly ca?: string; readonly requestId: number };
/**
 * Certificates snap-in › All Tasks: Renew Certificate with Same Key / with New Key (`renew`), or Request
 * Certificate with New Key from the same template (`re-enroll`). The old certificate is archived.
 */
export type RenewCertificate = {
  readonly type: 'RenewCertificate';
  readonly host: HostName;
  readonly certificate: CertificateSelection;
  readonly mode: 'renew-same-key' | 'renew-new-key' | 're-enroll';
};

export type CaAdminCommand = RemoveTemplateFromCa | ChangeTemplateSettings | ApproveRequest | DenyRequest | RenewCertificate;
