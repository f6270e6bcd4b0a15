import type { Principal } from '../directory/model.ts';
import type { Rdn } from './profile.ts';
import type { SubjectNameSetting, Template } from './template.ts';

/** Subject and alternative names the CA writes, or why it cannot build them. */
type BuiltNames =
  | { readonly ok: true; readonly subject: readonly Rdn[]; readonly dnsNames: readonly string[]; readonly upns: readonly string[] }
  | {
      readonly ok: false;
      readonly failure: 'CERTSRV_E_SUBJECT_DNS_REQUIRED' | 'CERTSRV_E_SUBJECT_UPN_REQUIRED' | 'CERTSRV_E_BAD_REQUESTSUBJECT';
      readonly reason: string;
    };

export interface RequestedNames {
  readonly commonName?: string;
  readonly dnsNames: readonly string[];
}

const domainRdns = (dnsName: string): Rdn[] =>
  dnsName
    .split('.')
    .reverse()
    .map((label) => ['DC', label] as const);

/** The requester's distinguished name in AD (computers in CN=Computers, users in CN=Users). */
const directoryPath = (principal: Principal, domain: string): Rdn[] => [
  ...domainRdns(domain),
  ['CN', principal.kind === 'computer' ? 'Computers' : 'Users'],
  ['CN', principal.name],
];

/** "Supply in the request": the names the request carried, at least one of them. */
const fromRequest = (template: Template, requested: RequestedNames): BuiltNames => {
  if (!requested.commonName && requested.dnsNames.length === 0) {
    return {
      ok: false,
      failure: 'CERTSRV_E_BAD_REQUESTSUBJECT',
      reason: `"${template.displayName}" takes its subject from the request, and the request carried neither a subject name nor an alternative name.`,
    };
  }
  return { ok: true, subject: requested.commonName ? [['CN', requested.commonName]] : [], dnsNames: requested.dnsNames, upns: [] };
};

type FromDirectory = Extract<SubjectNameSetting, { source: 'build-from-ad' }>;

/** Why the directory object cannot give the names the template builds from it, if it cannot. */
const directoryRefusal = (template: Template, requester: Principal, setting: FromDirectory): BuiltNames | undefined => {
  const needsDns = setting.format === 'common-name' || setting.format === 'dns-name' || setting.altNames.includes('dns');
  if (template.forComputers && needsDns && !requester.dnsHostName) {
    return {
      ok: false,
      failure: 'CERTSRV_E_SUBJECT_DNS_REQUIRED',
      reason: `"${template.displayName}" builds the subject from the DNS name, and the computer account ${requester.name} has no dNSHostName.`,
    };
  }
  if (setting.altNames.includes('upn') && !requester.userPrincipalName) {
    return {
      ok: false,
      failure: 'CERTSRV_E_SUBJECT_UPN_REQUIRED',
      reason: `"${template.displayName}" puts the UPN in the alternative name, and ${requester.name} has no userPrincipalName.`,
    };
  }
  return undefined;
};

/**
 * How the CA builds subject and SAN (MS-WCCE 3.2.2.6.2.1.4.5.9): from the request when the template says
 * "Supply in the request", otherwise from the requester's directory object, ignoring what the request asked.
 */
export const buildNames = (template: Template, requester: Principal, domain: string, requested: RequestedNames): BuiltNames => {
  const setting = template.subjectName;
  if (setting.source === 'supply-in-request') return fromRequest(template, requested);
  const refusal = directoryRefusal(template, requester, setting);
  if (refusal) return refusal;
  const dns = requester.dnsHostName;
  const commonName = requester.kind === 'computer' ? (dns ?? requester.name) : requester.name;
  const subject: readonly Rdn[] = {
    none: [],
    'common-name': [['CN', commonName]] as Rdn[],
    'dns-name': [['CN', dns ?? requester.name]] as Rdn[],
    'fully-distinguished-name': directoryPath(requester, domain),
    email: [],
  }[setting.format];
  return {
    ok: true,
    subject,
    dnsNames: setting.altNames.includes('dns') && dns ? [dns] : [],
    upns: setting.altNames.includes('upn') && requester.userPrincipalName ? [requester.userPrincipalName] : [],
  };
};
