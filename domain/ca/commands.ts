import type { HostName } from '../shared/ids.ts';
import type { StoreName } from '../hosts/model.ts';
import type { CrlCommand } from './crl-events.ts';
import type { CertificatePurpose, Compatibility, DuplicateVersion, SubjectNameSetting, TemplateRight } from './template.ts';

/** Duplicate Template: a 2008 console asks for `version`; a 2012 console has a Compatibility tab instead. */
export type DuplicateTemplate = {
  readonly type: 'DuplicateTemplate';
  readonly source: string;
  readonly version?: DuplicateVersion;
  readonly compatibility?: Compatibility;
  readonly displayName: string;
  readonly purpose?: CertificatePurpose;
};
export type ChangeSubjectName = { readonly type: 'ChangeSubjectName'; readonly template: string; readonly subjectName: SubjectNameSetting };
/** Request Handling (export) and Issuance Requirements (CA certificate manager approval). */
export type ChangeRequestHandling = {
  readonly type: 'ChangeRequestHandling';
  readonly template: string;
  readonly exportableKey: boolean;
  readonly managerApproval?: boolean;
};
export type ChangeTemplatePermissions = {
  readonly type: 'ChangeTemplatePermissions';
  readonly template: string;
  readonly principal: string;
  readonly allow?: readonly TemplateRight[];
  readonly remove?: readonly TemplateRight[];
  readonly deny?: readonly TemplateRight[];
};
export type IssueTemplate = { readonly type: 'IssueTemplate'; readonly ca: string; readonly template: string };

/** A request from the Certificates snap-in (Request New Certificate), or one ConfigMgr sends for an AMT computer. */
export type RequestCertificate = {
  readonly type: 'RequestCertificate';
  readonly requester: string;
  readonly store: StoreName;
  readonly template: string;
  readonly commonName?: string;
  readonly dnsNames: readonly string[];
  /** certreq's KeyLength; left out, the template's minimum (as the Certificates snap-in does). */
  readonly keySize?: number;
};

/** Extensions tab: add an application policy (and its EKU, as the console does for version 2). */
export type AddApplicationPolicy = {
  readonly type: 'AddApplicationPolicy';
  readonly template: string;
  readonly name: string;
  readonly oid: string;
};

/** The autoenrollment task of a computer, at startup or on its 8-hour timer. */
export type Autoenroll = { readonly type: 'Autoenroll'; readonly computer: HostName; readonly trigger: AutoenrollTrigger };
/** What started a pass: startup, the 8-hour timer, or `certutil -pulse`. */
export type AutoenrollTrigger = 'startup' | 'timer' | 'pulse';

export type CaCommand =
  | DuplicateTemplate
  | ChangeSubjectName
  | ChangeRequestHandling
  | ChangeTemplatePermissions
  | AddApplicationPolicy
  | IssueTemplate
  | RequestCertificate
  | Autoenroll
  | CrlCommand;
