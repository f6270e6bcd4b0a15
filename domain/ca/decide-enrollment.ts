import type { Principal } from '../directory/model.ts';
import { refuse } from '../shared/decision.ts';
import type { CaDecision, CaSideEvent, CaView } from './decision.ts';
import { groupsOf, tokenIdentities } from '../directory/membership.ts';
import type { StoreName } from '../hosts/model.ts';
import { requestKeyRef, type HostName, type KeyRef } from '../shared/ids.ts';
import { addDays, addMinutes, type SimTime, type Timed } from '../shared/time.ts';
import { hasRight, whyRightsMissing } from './access.ts';
import type { RequestCertificate } from './commands.ts';
import { publicationPoints } from './crl-urls.ts';
import { issuingAuthorities, templateAsTyped } from './lookup.ts';
import { stoppedRefusal } from './revocation.ts';
import type { CertificationAuthority } from './model.ts';
import { formatDn, sidSecurityOid, type CertificateProfile, type ExtensionSpec, type Rdn } from './profile.ts';
import { editionIssues, editionLimitText, hasSidUpdate, issuedSerial, signatureHashOf } from './setup.ts';
import { buildNames, type RequestedNames } from './subject.ts';
import type { Template } from './template.ts';

/** AD CS backdates NotBefore by ten minutes to absorb clock skew between the CA and its clients. */
const clockSkewMinutes = 10;

const extensionsFor = (
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

/**
 * The requester's SID, when the CA writes the SID security extension: only with the May 2022 update (KB5014754), not
 * when its DisableExtensionList names the extension (ESC16), nor when the template sets CT_FLAG_NO_SECURITY_EXTENSION (ESC9).
 */
const sidToWrite = (authority: CertificationAuthority, template: Template, requester: Principal): string | undefined =>
  !hasSidUpdate(authority) || authority.settings.disabledExtensions.includes(sidSecurityOid) || template.noSecurityExtension
    ? undefined
    : requester.sid;

/** Why the enrollment wizard would not offer the template to this requester, if it would not. */
export const whyNotOffered = (world: CaView, template: Template, requester: string): CaDecision | undefined => {
  const identities = tokenIdentities(world.directory, requester);
  if (issuingAuthorities(world.ca, template).length === 0) {
    return refuse(
      'CERTSRV_E_UNSUPPORTED_CERT_TYPE',
      `"${template.displayName}" is not in any CA's Certificate Templates to Issue, so Request Certificates does not offer it; issue it on the CA first.`,
    );
  }
  const canRead = hasRight(template.acl, identities, 'Read');
  const canEnroll = hasRight(template.acl, identities, 'Enroll');
  if (canRead && canEnroll) return undefined;
  const token = world.directory.tokens[requester];
  const current = Object.entries(world.directory.members)
    .filter(([, m]) => m.includes(requester))
    .map(([g]) => g);
  const fresh = [requester, ...groupsOf(world.directory, requester)];
  const restartWouldHelp = hasRight(template.acl, fresh, 'Read') && hasRight(template.acl, fresh, 'Enroll');
  const stale = token && restartWouldHelp ? current.filter((group) => !token.groups.includes(group)) : [];
  const missingRights = [canRead ? null : 'Read', canEnroll ? null : 'Enroll'].filter(Boolean).join(' and ');
  const cause =
    stale.length > 0
      ? `${requester} joined ${stale.join(', ')} after its last restart (${token?.issuedAt}); its token does not carry that membership yet, so it lacks ${missingRights}. Restart ${requester}.`
      : `on the template's Security tab ${whyRightsMissing(template.acl, identities, requester, ['Read', 'Enroll'])}`;
  return refuse('CERTSRV_E_TEMPLATE_DENIED', `"${template.displayName}" is not offered to ${requester}: ${cause}`);
};

/** The rejection Request Certificates would show for the template and requester, or undefined when it is offered. */
export const whyNotOfferedTo = (world: CaView, template: Template, requester: string) => {
  const decision = whyNotOffered(world, template, requester);
  return decision?.kind === 'rejected' ? decision.rejection : undefined;
};

/** The CA-side checks once a request reaches the CA (template readable, edition, version). */
const caRefusal = (world: CaView, template: Template, authority: CertificationAuthority): CaDecision | undefined => {
  const caIdentities = tokenIdentities(world.directory, authority.host);
  if (!hasRight(template.acl, caIdentities, 'Read')) {
    const cause = whyRightsMissing(template.acl, caIdentities, authority.host, ['Read']) ?? '';
    const hint = cause.startsWith('no entry') ? ' (was Authenticated Users removed?)' : '';
    const why = `for its computer account ${authority.host}, ${cause.replace(/\.$/, '')}${hint}`;
    return refuse('CERTSRV_E_UNSUPPORTED_CERT_TYPE', `${authority.name} cannot read "${template.displayName}": ${why}.`);
  }
  if (!editionIssues(authority, template.schemaVersion)) {
    return refuse('CERTSRV_E_UNSUPPORTED_CERT_TYPE', `${editionLimitText(authority, template)}.`);
  }
  return undefined;
};

const earlier = (a: SimTime, b: SimTime): SimTime => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * How a request differs from a fresh one: a request id already given (a pending request a manager approves), a key
 * the requester already holds (renewal with the same key) or a key size it chose (certreq's KeyLength), events after.
 */
interface IssuanceOptions {
  readonly requestId?: number;
  readonly approved?: boolean;
  readonly key?: { readonly keyRef: KeyRef; readonly keySize: number };
  readonly keySize?: number;
  readonly after?: readonly CaSideEvent[];
}

/** The CA refuses a public key shorter than the template's Minimum key size (MS-WCCE; certreq shows 0x80094811). */
const keyTooShort = (template: Template, keySize: number): CaDecision | undefined =>
  keySize < template.minimalKeySize
    ? refuse(
        'CERTSRV_E_KEY_LENGTH',
        `The request's ${keySize}-bit key is shorter than the Minimum key size of "${template.displayName}" (${template.minimalKeySize} bits, Request Handling tab).`,
      )
    : undefined;

/**
 * What the CA does with a request the wizard allowed: check it, build the names the template dictates,
 * and decide the certificate. `before` events precede the issuance (a device record, say: `E`, the caller's events).
 */
export const issuance = <E = CaSideEvent>(
  world: CaView,
  template: Template,
  requester: Principal,
  requested: RequestedNames,
  installTo: { host: HostName; store: StoreName } | null,
  at: SimTime,
  before: readonly E[] = [],
  options: IssuanceOptions = {},
): CaDecision<E | CaSideEvent> => {
  const authority = issuingAuthorities(world.ca, template)[0];
  if (!authority) return refuse('CERTSRV_E_UNSUPPORTED_CERT_TYPE', `No CA issues "${template.displayName}".`);
  const refused =
    stoppedRefusal(world, authority, `${requester.name} cannot reach ${authority.name}`) ?? caRefusal(world, template, authority);
  if (refused) return refused;
  const names = buildNames(template, requester, world.directory.domain.dnsName, requested);
  if (!names.ok) return refuse(names.failure, names.reason);
  const keySize = options.key?.keySize ?? options.keySize ?? template.minimalKeySize;
  const short = keyTooShort(template, keySize);
  if (short) return short;
  const requestId = options.requestId ?? world.ca.lastRequestId + 1;
  if (template.managerApproval && !options.approved) {
    const names =
      requested.dnsNames.length > 0 || requested.commonName
        ? { requested: { dnsNames: requested.dnsNames, ...(requested.commonName ? { commonName: requested.commonName } : {}) } }
        : {};
    const pending = { requestId, ca: authority.name, template: template.name, requester: requester.name, submittedAt: at, ...names };
    const submitted: CaSideEvent = { type: 'CertificateRequestPending', data: pending };
    return { kind: 'accepted', events: [...before, submitted] };
  }
  const serialNumber = issuedSerial(authority, requestId, at);
  const notBefore = addMinutes(at, -clockSkewMinutes);
  const notAfter = earlier(addDays(at, template.validityDays), authority.notAfter);
  const profile: Omit<CertificateProfile, 'publicKey'> = {
    serialNumber,
    signatureHash: signatureHashOf(authority),
    subject: names.subject,
    issuer: authority.subject,
    signingKeyRef: authority.keyRef,
    notBefore,
    notAfter,
    extensions: extensionsFor(template, names, sidToWrite(authority, template, requester), publicationPoints(world, authority)),
  };
  return {
    kind: 'sign',
    profile,
    before,
    ...(options.after ? { after: options.after } : {}),
    draft: {
      requestId,
      serialNumber,
      ca: authority.name,
      template: template.name,
      templateSchemaVersion: template.schemaVersion,
      requester: requester.name,
      subject: formatDn(names.subject),
      dnsNames: names.dnsNames,
      upns: names.upns,
      ekus: template.ekus,
      applicationPolicies: template.schemaVersion > 1 ? template.applicationPolicies : [],
      notBefore,
      notAfter,
      keyRef: options.key?.keyRef ?? requestKeyRef(requestId, requester.name),
      keySize,
      keyProvider: template.keyProvider,
      exportableKey: template.exportableKey,
      ...(installTo ? { installTo } : {}),
    },
  };
};

/** Request New Certificate in the Certificates snap-in (or a request ConfigMgr makes for a device). */
export const decideEnrollment = (command: Timed<RequestCertificate>, world: CaView): CaDecision => {
  const requester = world.directory.principals[command.requester];
  if (!requester) return refuse('NOT_FOUND', `Expected a computer named "${command.requester}"; none exists.`);
  const template = templateAsTyped(world.ca, command.template);
  if (!template)
    return refuse(
      'TEMPLATE_NOT_OFFERED',
      `No template named "${command.template}" exists in the forest, so Request Certificates cannot list it.`,
    );
  if (template.forComputers !== (requester.kind === 'computer')) {
    return refuse(
      'TEMPLATE_NOT_OFFERED',
      `"${template.displayName}" is a ${template.forComputers ? 'computer' : 'user'} template; the ${requester.kind === 'computer' ? 'Computer account' : 'user'} snap-in does not offer it.`,
    );
  }
  const notOffered = whyNotOffered(world, template, requester.name);
  if (notOffered) return notOffered;
  return issuance(
    world,
    template,
    requester,
    command,
    // The account the snap-in installs into: its name as the world holds it (a user's store, too, is named by it).
    { host: requester.name as HostName, store: command.store },
    command.at,
    [],
    command.keySize ? { keySize: command.keySize } : {},
  );
};
