// The extensions the CA writes into an issued certificate, as the template and the CA's settings dictate.
import type { Principal } from '../directory/model.ts';
import type { CertificationAuthority } from './model.ts';
import { sidSecurityOid, type ExtensionSpec, type Rdn } from './profile.ts';
import { hasSidUpdate } from './setup.ts';
import type { Template } from './template.ts';

/**
 * The requester's SID, when the CA writes the SID security extension: only with the May 2022 update (KB5014754), not
 * when its DisableExtensionList names the extension (ESC16), nor when the template sets CT_FLAG_NO_SECURITY_EXTENSION (ESC9).
 */
export const sidToWrite = (authority: CertificationAuthority, template: Template, requester: Principal): string | undefined =>
  !hasSidUpdate(authority) || authority.settings.disabledExtensions.includes(sidSecurityOid) || template.noSecurityExtension
    ? undefined
    : requester.sid;

/** The template's marker, EKUs, key usage, application policies, names, SID, key ids, CDP and AIA, in AD CS's order. */
export const extensionsFor = (
  template: Template,
  names: { dnsNames: readonly string[]; upns: readonly string[]; subject: readonly Rdn[] },
  sid: string | undefined,
  points: { cdp: string[]; aia: string[] },
): ExtensionSpec[] => {
  const marker: ExtensionSpec =
    template.schemaVersion === 1
      ? { kind: 'templateName', name: template.name }
      : { kind: 'templateInformation', templateOid: template.oid, major: template.revision, minor: template.minorRevision };
  const extensions: ExtensionSpec[] = [
    marker,
    { kind: 'extendedKeyUsage', oids: template.ekus },
    { kind: 'keyUsage', usages: template.keyUsage, critical: true },
  ];
  if (template.schemaVersion > 1 && template.applicationPolicies.length > 0)
    extensions.push({ kind: 'applicationPolicies', oids: template.applicationPolicies });
  if (names.dnsNames.length + names.upns.length > 0) {
    extensions.push({ kind: 'subjectAltName', dnsNames: names.dnsNames, upns: names.upns, critical: names.subject.length === 0 });
  }
  if (sid && template.subjectName.source === 'build-from-ad') extensions.push({ kind: 'sidSecurity', sid });
  extensions.push(
    { kind: 'subjectKeyIdentifier' },
    { kind: 'authorityKeyIdentifier' },
    { kind: 'crlDistributionPoints', urls: points.cdp },
    { kind: 'authorityInformationAccess', caIssuers: points.aia },
  );
  return extensions;
};
