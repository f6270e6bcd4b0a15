// The ConfigMgr checks of a template made for one of its certificate types (research §1.1), as a table: each check
// names its rule, when it applies and what it says; configmgr.ts turns the ones that apply into findings.
import { hasRight } from '../ca/access.ts';
import type { AltNameKind, CertificatePurpose, SubjectNameSetting, Template } from '../ca/template.ts';
import { ekuName, oid } from '../shared/oids.ts';
import type { Finding } from './model.ts';

interface Requirement {
  readonly eku: string;
  readonly exportable?: boolean;
  readonly subject?: 'supply-in-request' | 'common-name';
}

/** Research §1.1, per certificate type: the EKU, exportability and subject the template must give. */
export const requirements: Readonly<Record<CertificatePurpose, Requirement>> = {
  'site-system-web-server': { eku: oid.serverAuth, subject: 'supply-in-request' },
  'cloud-dp-service': { eku: oid.serverAuth, exportable: true, subject: 'supply-in-request' },
  'windows-client': { eku: oid.clientAuth },
  'dp-client': { eku: oid.clientAuth, exportable: true },
  'mobile-enrollment': { eku: oid.clientAuth, subject: 'common-name' },
  'amt-provisioning': { eku: oid.serverAuth, subject: 'common-name' },
  'amt-web-server': { eku: oid.serverAuth, subject: 'common-name' },
  'amt-8021x': { eku: oid.clientAuth, subject: 'common-name' },
  'mac-client': { eku: oid.clientAuth, subject: 'common-name' },
};

const purposeLabel = (p: CertificatePurpose) => p.replace(/-/g, ' ');

/** What a check reads: the template, its subject name setting, the certificate type and what that type needs. */
interface Seen {
  readonly t: Template;
  readonly name: SubjectNameSetting;
  readonly purpose: CertificatePurpose;
  readonly need: Requirement;
  /** The alternative names the template builds from AD (none when the subject is supplied in the request). */
  readonly altNames: readonly AltNameKind[];
}

interface TemplateCheck {
  readonly rule: string;
  readonly severity: Finding['severity'];
  /** The part of the template the finding is about (its provenance key). */
  readonly aspect: string;
  readonly when: (seen: Seen) => boolean;
  readonly message: (seen: Seen) => string;
  readonly procedure: string;
  readonly command?: (seen: Seen) => string;
}

/** In the order the report lists them. */
export const templateChecks: readonly TemplateCheck[] = [
  {
    rule: 'CM-TEMPLATE-V3',
    severity: 'high',
    aspect: 'version',
    when: ({ t }) => t.schemaVersion >= 3,
    message: ({ t }) =>
      `"${t.displayName}" is a version ${t.schemaVersion} template: its keys live in a CNG key storage provider, which ConfigMgr (before version 1710, and cloud distribution points in any version) cannot use.`,
    procedure:
      'Duplicate the built-in template again and choose Windows 2003 Server, Enterprise Edition (on a 2012 CA: Compatibility Windows Server 2003 / Windows XP / Server 2003); then request the certificates again.',
  },
  {
    rule: 'CM-EKU',
    severity: 'high',
    aspect: 'policies',
    when: ({ t, need }) => ![...t.ekus, ...t.applicationPolicies].includes(need.eku),
    message: ({ t, purpose, need }) =>
      `A ${purposeLabel(purpose)} certificate needs ${ekuName(need.eku)}; "${t.displayName}" gives ${t.ekus.map(ekuName).join(', ') || 'none'}.`,
    procedure: 'Duplicate the template the seed names for this certificate.',
  },
  {
    rule: 'CM-EXPORT-REQUIRED',
    severity: 'high',
    aspect: 'request-handling',
    when: ({ t, need }) => need.exportable === true && !t.exportableKey,
    message: ({ t, purpose }) =>
      `A ${purposeLabel(purpose)} certificate is imported into ConfigMgr as a PFX, and "${t.displayName}" does not allow the private key to be exported.`,
    procedure:
      'Select "Allow private key to be exported" on the Request Handling tab, then request the certificate again: existing certificates stay non-exportable.',
  },
  {
    rule: 'CM-SUBJECT',
    severity: 'medium',
    aspect: 'subject',
    when: ({ name, need }) => need.subject === 'common-name' && !(name.source === 'build-from-ad' && name.format === 'common-name'),
    message: ({ t, name, purpose }) =>
      `A ${purposeLabel(purpose)} certificate takes its subject from AD as a common name; "${t.displayName}" is set to ${name.source === 'supply-in-request' ? 'Supply in the request' : `build the subject as ${name.format}`}.`,
    procedure: 'On the Subject Name tab choose "Build from this Active Directory information" with Common name.',
  },
  {
    rule: 'CM-SUBJECT',
    severity: 'medium',
    aspect: 'subject',
    when: ({ name, need }) => need.subject === 'supply-in-request' && name.source !== 'supply-in-request',
    message: ({ t, purpose }) =>
      `A ${purposeLabel(purpose)} certificate carries names typed in the request (FQDNs that are not the computer's AD name); "${t.displayName}" builds them from AD.`,
    procedure: 'On the Subject Name tab choose "Supply in the request".',
  },
  {
    rule: 'CM-MAC-SAN',
    severity: 'high',
    aspect: 'subject',
    when: ({ name, purpose }) => purpose === 'mac-client' && name.source === 'build-from-ad' && name.altNames.length > 0,
    message: ({ t, altNames }) =>
      `Mac clients do not support a subject alternative name, and "${t.displayName}" adds ${altNames.join(', ')} to it.`,
    procedure: 'On the Subject Name tab clear every alternative name (the UPN included).',
  },
  {
    rule: 'CM-MOBILE-UPN',
    severity: 'medium',
    aspect: 'subject',
    when: ({ name, purpose }) => purpose === 'mobile-enrollment' && name.source === 'build-from-ad' && name.altNames.includes('upn'),
    message: ({ t }) =>
      `The seed clears the UPN from the mobile enrollment template; "${t.displayName}" still puts it in the alternative name.`,
    procedure: 'On the Subject Name tab clear User principal name (UPN).',
  },
  {
    rule: 'CM-8021X-UPN',
    severity: 'medium',
    aspect: 'subject',
    when: ({ name, purpose }) =>
      purpose === 'amt-8021x' && name.source === 'build-from-ad' && (!name.altNames.includes('upn') || name.altNames.includes('dns')),
    message: ({ t, altNames }) =>
      `802.1X certificates for AMT need the UPN in the alternative name and no DNS name; "${t.displayName}" has ${altNames.join(', ') || 'none'}.`,
    procedure: 'On the Subject Name tab clear DNS name and select User principal name (UPN).',
  },
  {
    rule: 'CM-AMT-OID',
    severity: 'high',
    aspect: 'policies',
    when: ({ t, purpose }) => purpose === 'amt-provisioning' && !t.applicationPolicies.includes(oid.amtProvisioning),
    message: ({ t }) =>
      `AMT accepts a provisioning certificate only with the AMT Provisioning application policy (${oid.amtProvisioning}); "${t.displayName}" lacks it.`,
    procedure:
      'Extensions tab › Application Policies › Edit › Add › New: name AMT Provisioning, object identifier 2.16.840.1.113741.1.2.3.',
  },
  {
    rule: 'CM-CLIENT-AUTOENROLL',
    severity: 'medium',
    aspect: 'acl',
    when: ({ t, purpose }) =>
      purpose === 'windows-client' && !(['Read', 'Enroll', 'Autoenroll'] as const).every((r) => hasRight(t.acl, ['Domain Computers'], r)),
    message: ({ t }) =>
      `Windows clients get "${t.displayName}" by autoenrollment, which needs Read, Enroll and Autoenroll for Domain Computers; some of them are missing.`,
    procedure: 'On the Security tab give Domain Computers Read, Enroll and Autoenroll.',
    command: ({ t }) =>
      `Get-CertificateTemplate -Name ${t.name} | Get-CertificateTemplateAcl | Add-CertificateTemplateAcl -Identity 'Domain Computers' -AccessType Allow -AccessMask Read,Enroll,Autoenroll | Set-CertificateTemplateAcl`,
  },
];
