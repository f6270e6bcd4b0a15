import { TemplateName, type DisplayName } from '../shared/ids.ts';

/** The rights the Security tab of a certificate template shows. */
export const templateRights = ['FullControl', 'Read', 'Write', 'Enroll', 'Autoenroll'] as const;
export type TemplateRight = (typeof templateRights)[number];

/** One line of the Security tab: allowed and denied rights of one principal. */
export interface Ace {
  readonly principal: string;
  readonly allow: readonly TemplateRight[];
  readonly deny: readonly TemplateRight[];
}

export const subjectFormats = ['none', 'common-name', 'dns-name', 'fully-distinguished-name', 'email'] as const;
type SubjectFormat = (typeof subjectFormats)[number];
export const altNameKinds = ['dns', 'upn', 'spn', 'email'] as const;
export type AltNameKind = (typeof altNameKinds)[number];

/** The Subject Name tab: supply in the request, or build from AD with a format and alternate names. */
export type SubjectNameSetting =
  | { readonly source: 'supply-in-request' }
  | { readonly source: 'build-from-ad'; readonly format: SubjectFormat; readonly altNames: readonly AltNameKind[] };

export type SchemaVersion = 1 | 2 | 3 | 4;
export type KeyUsageBit = 'digitalSignature' | 'keyEncipherment';

/** A certificate template object (pKICertificateTemplate) with the attributes the lab models. */
export interface Template {
  /** cn: the template name (display name without spaces for duplicates). */
  readonly name: TemplateName;
  readonly displayName: DisplayName;
  readonly schemaVersion: SchemaVersion;
  readonly oid: string;
  readonly revision: number;
  readonly minorRevision: number;
  /** CT_FLAG_MACHINE_TYPE: the template is for computers, not users. */
  readonly forComputers: boolean;
  readonly subjectName: SubjectNameSetting;
  readonly ekus: readonly string[];
  /** msPKI-Certificate-Application-Policy (v2 and later). */
  readonly applicationPolicies: readonly string[];
  readonly keyUsage: readonly KeyUsageBit[];
  readonly minimalKeySize: number;
  /** msPKI-Private-Key-Flag 0x10, "Allow private key to be exported". */
  readonly exportableKey: boolean;
  /** msPKI-Enrollment-Flag 0x20. */
  readonly autoenrollment: boolean;
  /** msPKI-Enrollment-Flag 0x2, "CA certificate manager approval". */
  readonly managerApproval: boolean;
  readonly validityDays: number;
  readonly renewalDays: number;
  /** msPKI-Enrollment-Flag 0x80000 CT_FLAG_NO_SECURITY_EXTENSION: no SID extension in issued certificates. */
  readonly noSecurityExtension?: boolean;
  /** Issuance policies (msPKI-Certificate-Policy) and the group an OID may be linked to (msDS-OIDToGroupLink). */
  readonly issuancePolicies?: readonly { readonly oid: string; readonly linkedGroup?: string }[];
  /** The ConfigMgr certificate this template was made for, when a procedure of the seed made it. */
  readonly purpose?: CertificatePurpose;
  /** The Compatibility tab's settings, on a Windows Server 2012 console. */
  readonly compatibility?: Compatibility;
  /** Superseded Templates tab (msPKI-Supersede-Templates): templates whose certificates autoenrollment replaces. */
  readonly supersedes?: readonly string[];
  /** v3 templates keep keys in a CNG key storage provider; earlier ones in a legacy CSP. */
  readonly keyProvider: 'csp' | 'ksp';
  readonly acl: readonly Ace[];
}

/** What ConfigMgr will use a template's certificates for (research §1.1); set by the procedure that created it. */
export const certificatePurposes = [
  'site-system-web-server',
  'cloud-dp-service',
  'windows-client',
  'dp-client',
  'mobile-enrollment',
  'amt-provisioning',
  'amt-web-server',
  'amt-8021x',
  'mac-client',
] as const;
export type CertificatePurpose = (typeof certificatePurposes)[number];

/** The dialog labels of the Duplicate Template version choice on a Windows Server 2008 CA. */
export const duplicateVersions = {
  'windows-server-2003-enterprise': { label: 'Windows 2003 Server, Enterprise Edition', schemaVersion: 2 },
  'windows-server-2008-enterprise': { label: 'Windows 2008 Server, Enterprise Edition', schemaVersion: 3 },
} as const satisfies Record<string, { label: string; schemaVersion: SchemaVersion }>;
export type DuplicateVersion = keyof typeof duplicateVersions;

/** The Compatibility tab of a Windows Server 2012 console: the CA setting decides the schema version. */
export const compatibilityAuthorities = {
  'windows-server-2003': { label: 'Windows Server 2003', schemaVersion: 2 },
  'windows-server-2008': { label: 'Windows Server 2008', schemaVersion: 3 },
  'windows-server-2008-r2': { label: 'Windows Server 2008 R2', schemaVersion: 3 },
  'windows-server-2012': { label: 'Windows Server 2012', schemaVersion: 4 },
} as const satisfies Record<string, { label: string; schemaVersion: SchemaVersion }>;
export const compatibilityRecipients = {
  'windows-xp-server-2003': 'Windows XP / Server 2003',
  'windows-vista-server-2008': 'Windows Vista / Server 2008',
  'windows-7-server-2008-r2': 'Windows 7 / Server 2008 R2',
  'windows-8-server-2012': 'Windows 8 / Windows Server 2012',
} as const;
export interface Compatibility {
  readonly certificationAuthority: keyof typeof compatibilityAuthorities;
  readonly certificateRecipient: keyof typeof compatibilityRecipients;
}

/** msPKI-Certificate-Name-Flag as AD stores it (unsigned here). */
export const nameFlags = (setting: SubjectNameSetting): number => {
  if (setting.source === 'supply-in-request') return 0x1;
  const subject = { none: 0, 'common-name': 0x40000000, 'dns-name': 0x10000000, 'fully-distinguished-name': 0x80000000, email: 0x20000000 }[
    setting.format
  ];
  const alt = { dns: 0x8000000, upn: 0x2000000, spn: 0x800000, email: 0x4000000 };
  return setting.altNames.reduce((flags, kind) => flags + alt[kind], subject) >>> 0;
};

/** The template name AD derives from a display name: spaces removed. */
export const templateNameFor = (displayName: string): TemplateName => TemplateName(displayName.replace(/\s+/g, ''));
