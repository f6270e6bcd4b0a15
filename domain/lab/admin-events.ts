import type { Thumbprint } from '../shared/ids.ts';
import type { StoreName } from '../hosts/model.ts';
import type { SimTime } from '../shared/time.ts';

/**
 * Events of the administrative actions outside the seed's procedures (restart, gpupdate, approvals, template
 * edits, renewals, time passing). Kept together so the log, the fold and the schemas gain them in one place.
 */

/** Simulated time moved on to `to` (the timers that fell due on the way are in the log before this event). */
export type TimeAdvanced = { readonly type: 'TimeAdvanced'; readonly data: { readonly from: SimTime; readonly to: SimTime } };
/** `gpupdate /force` on a computer: policy refreshed (autoenrollment does not run because of it). */
export type GroupPolicyRefreshed = { readonly type: 'GroupPolicyRefreshed'; readonly data: { readonly computer: string } };
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
    readonly host: string;
    readonly store: StoreName;
    readonly thumbprint: Thumbprint;
    readonly reason: 'renewed' | 'superseded' | 're-enrolled';
  };
};

export type AdminEvent =
  | TimeAdvanced
  | GroupPolicyRefreshed
  | TemplateRemovedFromCa
  | TemplateSettingsChanged
  | CertificateRequestDenied
  | CertificateArchived;
