import { duplicateVersions, isSecretRef } from '../../domain/index.ts';

/** One field of a choice as its dialog shows it: the label on the tab, the value in the dialog's words. */
export interface Field {
  readonly label: string;
  readonly value: string;
}

/** The label each choice field has in its dialog (the tab or wizard page that shows it). */
const labels: Record<string, string> = {
  name: 'Name',
  members: 'Members',
  source: 'Template to duplicate',
  version: 'Template version',
  compatibility: 'Compatibility',
  displayName: 'Template display name',
  subjectName: 'Subject Name tab',
  edits: 'Security tab',
  ca: 'Certification authority',
  computer: 'Computer',
  commonName: 'Subject: Common name',
  dnsNames: 'Alternative name: DNS',
  site: 'Site',
  port: 'Port',
  thumbprint: 'SSL certificate',
  host: 'Server',
  intranetFqdn: 'Intranet FQDN',
  internetFqdn: 'Internet FQDN',
  names: 'Names to check',
  exportableKey: 'Allow private key to be exported',
  managerApproval: 'CA certificate manager approval',
  file: 'File name',
  password: 'Password',
  encryption: 'Encryption',
  serviceFqdn: 'Service FQDN',
  linkToDomain: 'Link to the domain',
  configurationModel: 'Configuration Model',
  renewExpired: 'Renew expired certificates, update pending certificates, and remove revoked certificates',
  updateTemplates: 'Update certificates that use certificate templates',
  minutes: 'Wait (minutes)',
  purpose: 'Intended purpose',
  pxe: 'Enable PXE support',
  bootMedia: 'Use for boot media',
  template: 'Certificate template',
  user: 'User',
  device: 'Device',
  policies: 'Application Policies (Extensions tab)',
  amtGroup: 'AMT computer group',
  webServerTemplate: 'Web server certificate template',
  clientAuthTemplate: 'Client authentication certificate template',
  fqdn: 'AMT FQDN',
  format: 'Subject name format',
  altNames: 'Include in alternate subject name',
};

const words: Record<string, string> = {
  'supply-in-request': 'Supply in the request',
  'build-from-ad': 'Build from this Active Directory information',
  'not-configured': 'Not configured',
  enabled: 'Enabled',
  disabled: 'Disabled',
  none: 'None',
  'common-name': 'Common name',
  'dns-name': 'DNS name',
  'fully-distinguished-name': 'Fully distinguished name',
  email: 'E-mail name',
  upn: 'User principal name (UPN)',
  ...Object.fromEntries(Object.entries(duplicateVersions).map(([id, v]) => [id, (v as { label?: string }).label ?? id])),
};

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** The label a choice field has in its dialog (the studio's forms name their fields with it). */
export const fieldLabel = (key: string): string => labels[key] ?? humanize(key);

/** A value in the dialog's words: yes/no for a check box, a list joined, a Security tab edit as the tab reads. */
const valueText = (key: string, value: unknown): string => {
  if (key === 'password') return value === undefined || value === '' ? '(none)' : '•••••••• (not shown)';
  if (isSecretRef(value)) return '•••••••• (kept outside the log)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return words[value] ?? value;
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '(not set)';
  if (Array.isArray(value)) {
    if (value.length === 0) return key === 'edits' ? 'no change' : '(none)';
    return value
      .map((v) => (typeof v === 'object' && v !== null ? objectText(v as Record<string, unknown>) : valueText(key, v)))
      .join('; ');
  }
  return objectText(value as Record<string, unknown>);
};

/** A permission edit (`Domain Admins: remove Enroll`), a subject-name setting, an application policy… */
const objectText = (value: Record<string, unknown>): string => {
  if (typeof value.principal === 'string') {
    const parts = (['allow', 'deny', 'remove'] as const).flatMap((k) =>
      Array.isArray(value[k]) && (value[k] as unknown[]).length ? [`${k} ${(value[k] as string[]).join(', ')}`] : [],
    );
    return `${value.principal}: ${parts.join(', ') || 'no change'}`;
  }
  if (typeof value.name === 'string' && typeof value.oid === 'string') return `${value.name} (${value.oid})`;
  return Object.entries(value)
    .map(([k, v]) => (k === 'source' ? valueText(k, v) : `${labels[k] ?? humanize(k)}: ${valueText(k, v)}`))
    .join(', ');
};

/** Every field of a choice, labelled as its dialog labels it; leaving the step out has no fields. */
export const choiceFields = (choice: unknown): Field[] =>
  choice === null || typeof choice !== 'object'
    ? []
    : Object.entries(choice as Record<string, unknown>).map(([k, v]) => ({ label: fieldLabel(k), value: valueText(k, v) }));

/** A choice on one line: its fields, each `label: value`. */
export const choiceLine = (choice: unknown): string =>
  choice === null
    ? 'leave this step out'
    : choiceFields(choice)
        .map((f) => `${f.label}: ${f.value}`)
        .join(' · ') || 'as the dialog opens';
