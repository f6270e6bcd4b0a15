// What the CA does once a request reaches it (the snap-in, certreq, autoenrollment, a manager's approval, a
// ConfigMgr device): its own checks, the names and extensions the template dictates, and the certificate to sign.
import type { Principal } from '../directory/model.ts';
import { refuse } from '../shared/decision.ts';
import type { CaDecision, CaSideEvent, CaView } from './decision.ts';
import { tokenIdentities } from '../directory/membership.ts';
import type { StoreName } from '../hosts/model.ts';
import { requestKeyRef, type HostName, type KeyRef } from '../shared/ids.ts';
import { addDays, addMinutes, type SimTime } from '../shared/time.ts';
import { hasRight, whyRightsMissing } from './access.ts';
import { publicationPoints } from './crl-urls.ts';
import { issuingAuthorities } from './lookup.ts';
import { stoppedRefusal } from './revocation.ts';
import type { CertificationAuthority } from './model.ts';
import { extensionsFor, sidToWrite } from './issued-extensions.ts';
import { formatDn, type CertificateProfile, type Rdn } from './profile.ts';
import { editionIssues, editionLimitText, issuedSerial, signatureHashOf } from './setup.ts';
import { buildNames, type RequestedNames } from './subject.ts';
import type { Template } from './template.ts';

/** AD CS backdates NotBefore by ten minutes to absorb clock skew between the CA and its clients. */
const clockSkewMinutes = 10;

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
 * A request the wizard allowed: the template, who asks, the names asked for, where the snap-in installs the certificate
 * (null: nowhere, certreq's file), when, and `before`, events that precede the issuance (a device record, say).
 */
interface IssuanceRequest<E = CaSideEvent> extends IssuanceOptions {
  readonly template: Template;
  readonly requester: Principal;
  readonly requested: RequestedNames;
  readonly installTo: { readonly host: HostName; readonly store: StoreName } | null;
  readonly at: SimTime;
  readonly before?: readonly E[];
}

/** A manager-approval template holds the request as pending: only its id and the names asked for are recorded. */
const pendingRequest = <E>(
  request: IssuanceRequest<E>,
  requestId: number,
  authority: CertificationAuthority,
): CaDecision<E | CaSideEvent> => {
  const { template, requester, requested, at, before = [] } = request;
  const names =
    requested.dnsNames.length > 0 || requested.commonName
      ? { requested: { dnsNames: requested.dnsNames, ...(requested.commonName ? { commonName: requested.commonName } : {}) } }
      : {};
  const pending = { requestId, ca: authority.name, template: template.name, requester: requester.name, submittedAt: at, ...names };
  const submitted: CaSideEvent = { type: 'CertificateRequestPending', data: pending };
  return { kind: 'accepted', events: [...before, submitted] };
};

/** The serial and validity the CA gives a certificate: NotBefore backdated, NotAfter never past the CA's own. */
interface Serial {
  readonly serialNumber: string;
  readonly notBefore: SimTime;
  readonly notAfter: SimTime;
}

const serialFor = (authority: CertificationAuthority, template: Template, requestId: number, at: SimTime): Serial => ({
  serialNumber: issuedSerial(authority, requestId, at),
  notBefore: addMinutes(at, -clockSkewMinutes),
  notAfter: earlier(addDays(at, template.validityDays), authority.notAfter),
});

/** The certificate's profile (all but the public key, which the signer reads from the key): validity, names, extensions. */
const profileFor = (
  world: CaView,
  request: IssuanceRequest<unknown>,
  authority: CertificationAuthority,
  names: { readonly subject: readonly Rdn[]; readonly dnsNames: readonly string[]; readonly upns: readonly string[] },
  serial: Serial,
): Omit<CertificateProfile, 'publicKey'> => {
  const { template, requester } = request;
  return {
    serialNumber: serial.serialNumber,
    signatureHash: signatureHashOf(authority),
    subject: names.subject,
    issuer: authority.subject,
    signingKeyRef: authority.keyRef,
    notBefore: serial.notBefore,
    notAfter: serial.notAfter,
    extensions: extensionsFor(template, names, sidToWrite(authority, template, requester), publicationPoints(world, authority)),
  };
};

/** The CA's checks on a request (a CA that issues the template, running and able to; names; key size), or the refusal. */
const checkedRequest = (world: CaView, request: IssuanceRequest<unknown>) => {
  const { template, requester } = request;
  const authority = issuingAuthorities(world.ca, template)[0];
  if (!authority) return refuse('CERTSRV_E_UNSUPPORTED_CERT_TYPE', `No CA issues "${template.displayName}".`);
  const refused =
    stoppedRefusal(world, authority, `${requester.name} cannot reach ${authority.name}`) ?? caRefusal(world, template, authority);
  if (refused) return refused;
  const names = buildNames(template, requester, world.directory.domain.dnsName, request.requested);
  if (!names.ok) return refuse(names.failure, names.reason);
  const keySize = request.key?.keySize ?? request.keySize ?? template.minimalKeySize;
  return keyTooShort(template, keySize) ?? { authority, names, keySize };
};

/**
 * What the CA does with a request the wizard allowed: check it, build the names the template dictates,
 * and decide the certificate.
 */
export const issuance = <E = CaSideEvent>(world: CaView, request: IssuanceRequest<E>): CaDecision<E | CaSideEvent> => {
  const { template, requester, installTo, at, before = [] } = request;
  const checked = checkedRequest(world, request);
  if ('kind' in checked) return checked;
  const { authority, names, keySize } = checked;
  const requestId = request.requestId ?? world.ca.lastRequestId + 1;
  if (template.managerApproval && !request.approved) return pendingRequest(request, requestId, authority);
  const serial = serialFor(authority, template, requestId, at);
  const profile = profileFor(world, request, authority, names, serial);
  return {
    kind: 'sign',
    profile,
    before,
    ...(request.after ? { after: request.after } : {}),
    draft: {
      requestId,
      serialNumber: serial.serialNumber,
      ca: authority.name,
      template: template.name,
      templateSchemaVersion: template.schemaVersion,
      requester: requester.name,
      subject: formatDn(names.subject),
      dnsNames: names.dnsNames,
      upns: names.upns,
      ekus: template.ekus,
      applicationPolicies: template.schemaVersion > 1 ? template.applicationPolicies : [],
      notBefore: serial.notBefore,
      notAfter: serial.notAfter,
      keyRef: request.key?.keyRef ?? requestKeyRef(requestId, requester.name),
      keySize,
      keyProvider: template.keyProvider,
      exportableKey: template.exportableKey,
      ...(installTo ? { installTo } : {}),
    },
  };
};
