import type { Thumbprint, HostName } from '../shared/ids.ts';
import type { StoreName } from '../hosts/model.ts';

/** Events of the CA administrator's actions outside the seed's procedures (template edits, approvals, renewals). */

/** Certificate Templates › Delete on the CA console (or `certutil -SetCATemplates -Name`): the CA stops issuing it. */
export type TemplateRemovedFromCa = {
  readonly type: 'TemplateRemovedFromCa';
  readonly data: { readonly ca: string; readonly template: string };
};

/** The General, Request Handling, Issuance Requirements and Superseded Templates settings the lab models. */
export interface TemplateSettings {
  readonly validityDays?: number;
  readonly renewalDays?: number;
  readonly minimalKeySize?: number;
  readonly exportableKey?: boolean;
  readonly managerApproval?: boolean;
  readonly autoenrollment?: boolean;
  /** Superseded Templates tab: template names whose certificates autoenrollment replaces. */
  readonly supersedes?: readonly string[];
}
export type TemplateSettingsChanged = {
  readonly type: 'TemplateSettingsChanged';
  readonly data: { readonly template: string; readonly tab: string; readonly settings: TemplateSettings; readonly minorRevision: number };
};
/** Pending Requests › Deny: the request is closed and will never be issued. */
export type CertificateRequestDenied = {
  readonly type: 'CertificateRequestDenied';
  readonly data: { readonly ca: string; readonly requestId: number };
};
/** A certificate renewed or replaced stays in the store, archived: hidden from the snap-in and from ConfigMgr. */
export type CertificateArchived = {
  readonly type: 'CertificateArchived';
  readonly data: {
    readonly host: HostName;
    readonly store: StoreName;
    readonly thumbprint: Thumbprint;
    readonly reason: 'renewed' | 'superseded' | 're-enrolled';
  };
};

export type CaAdminEvent = TemplateRemovedFromCa | TemplateSettingsChanged | CertificateRequestDenied | CertificateArchived;
