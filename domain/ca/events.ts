import type { HostName } from '../shared/ids.ts';
import type { AutoenrollTrigger } from './commands.ts';
import type { CrlEvent } from './crl-events.ts';
import type { CertificationAuthority, IssuedCertificate, PendingRequest } from './model.ts';
import type { Ace, SubjectNameSetting, Template } from './template.ts';

export type CaInstalled = { readonly type: 'CaInstalled'; readonly data: { readonly authority: CertificationAuthority } };
/** A template present in the forest from the start (the built-in ones). */
export type TemplatePublished = { readonly type: 'TemplatePublished'; readonly data: { readonly template: Template } };
export type TemplateDuplicated = {
  readonly type: 'TemplateDuplicated';
  readonly data: { readonly source: string; readonly versionLabel: string; readonly template: Template };
};
export type TemplateSubjectNameChanged = {
  readonly type: 'TemplateSubjectNameChanged';
  readonly data: { readonly template: string; readonly subjectName: SubjectNameSetting; readonly minorRevision: number };
};
export type TemplateRequestHandlingChanged = {
  readonly type: 'TemplateRequestHandlingChanged';
  readonly data: {
    readonly template: string;
    readonly exportableKey: boolean;
    readonly managerApproval: boolean;
    readonly minorRevision: number;
  };
};
/** One principal's line on the Security tab, before and after the edit. */
export type TemplatePermissionsChanged = {
  readonly type: 'TemplatePermissionsChanged';
  readonly data: { readonly template: string; readonly before: Ace | null; readonly after: Ace; readonly minorRevision: number };
};
export type TemplateIssued = { readonly type: 'TemplateIssued'; readonly data: { readonly ca: string; readonly template: string } };
export type CertificateIssued = { readonly type: 'CertificateIssued'; readonly data: { readonly certificate: IssuedCertificate } };

export type TemplateApplicationPolicyAdded = {
  readonly type: 'TemplateApplicationPolicyAdded';
  readonly data: { readonly template: string; readonly name: string; readonly oid: string; readonly minorRevision: number };
};
/** One run of a computer's autoenrollment task; failures carry the client event id (47: no CA, 13: CA refused). */
export type AutoenrollmentRan = {
  readonly type: 'AutoenrollmentRan';
  readonly data: {
    readonly computer: HostName;
    readonly trigger: AutoenrollTrigger;
    readonly failures: readonly {
      readonly template: string;
      readonly eventId: 13 | 47;
      readonly code?: string;
      readonly message: string;
    }[];
  };
};

/** The CA took the request under submission: CA certificate manager approval is required. */
export type CertificateRequestPending = { readonly type: 'CertificateRequestPending'; readonly data: PendingRequest };

export type CaEvent =
  | CertificateRequestPending
  | TemplateApplicationPolicyAdded
  | AutoenrollmentRan
  | CaInstalled
  | TemplatePublished
  | TemplateDuplicated
  | TemplateSubjectNameChanged
  | TemplateRequestHandlingChanged
  | TemplatePermissionsChanged
  | TemplateIssued
  | CertificateIssued
  | CrlEvent;
