import type { DuplicateVersion, SubjectNameSetting, TemplateRight } from './template.ts';

export type DuplicateTemplate = { readonly type: 'DuplicateTemplate'; readonly source: string; readonly version: DuplicateVersion; readonly displayName: string };
export type ChangeSubjectName = { readonly type: 'ChangeSubjectName'; readonly template: string; readonly subjectName: SubjectNameSetting };
export type ChangeRequestHandling = { readonly type: 'ChangeRequestHandling'; readonly template: string; readonly exportableKey: boolean };
export type ChangeTemplatePermissions = {
  readonly type: 'ChangeTemplatePermissions';
  readonly template: string;
  readonly principal: string;
  readonly allow?: readonly TemplateRight[];
  readonly remove?: readonly TemplateRight[];
  readonly deny?: readonly TemplateRight[];
};
export type IssueTemplate = { readonly type: 'IssueTemplate'; readonly ca: string; readonly template: string };

/** The key pair the requesting computer generated before sending its request. */
export interface RequestKey {
  readonly ref: string;
  readonly publicKey: string;
  readonly size: number;
}

/** A request from the Certificates snap-in (Request New Certificate) of a computer. */
export type RequestCertificate = {
  readonly type: 'RequestCertificate';
  readonly requester: string;
  readonly store: 'personal';
  readonly template: string;
  readonly commonName?: string;
  readonly dnsNames: readonly string[];
  readonly key: RequestKey;
};

export type CaCommand = DuplicateTemplate | ChangeSubjectName | ChangeRequestHandling | ChangeTemplatePermissions | IssueTemplate | RequestCertificate;
