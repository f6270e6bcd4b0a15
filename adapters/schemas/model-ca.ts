import { z } from 'zod';
import { periodUnits, revocationReasonNames, type HostName, type RevocationReason } from '../../domain/index.ts';
import { base64Der, positiveInt, rdn, simTime } from './model.ts';
import { branded, entityName, keyRef, thumbprint } from './names.ts';

// Schemas of the CA's values as events carry them: the CA itself, its CRLs, issued certificates and pending requests.

const caSettings = z.strictObject({
  attributeSubjectAltName2: z.boolean(),
  enforceEncryptICertRequest: z.boolean(),
  webEnrollment: z.enum(['none', 'http', 'https', 'https-epa']),
  disabledExtensions: z.array(z.string()),
  managers: z.array(z.string()),
  officers: z.array(z.string()),
  enrollees: z.array(z.string()),
});

const crlPeriod = z.strictObject({ count: positiveInt, unit: z.enum(periodUnits) });
const crlSettings = z.strictObject({
  basePeriod: crlPeriod,
  deltaPeriod: crlPeriod.nullable(),
  baseOverlap: crlPeriod.optional(),
  deltaOverlap: crlPeriod.optional(),
  cdp: z.array(z.string()),
  aia: z.array(z.string()),
});
export const revocationReason = z.enum(revocationReasonNames as [RevocationReason, ...RevocationReason[]]);
export const publishedCrl = z.strictObject({
  ca: entityName,
  kind: z.enum(['base', 'delta']),
  crlNumber: positiveInt,
  baseCrlNumber: positiveInt.optional(),
  thisUpdate: simTime,
  nextUpdate: simTime,
  nextPublish: simTime,
  entries: z.array(z.strictObject({ serialNumber: z.string(), revokedAt: simTime, reason: revocationReason })),
  freshest: z.array(z.string()),
  signatureHash: z.enum(['sha1', 'sha256']),
  trigger: z.enum(['schedule', 'administrator']),
  der: base64Der,
});

export const certificationAuthority = z.strictObject({
  name: entityName,
  host: branded<HostName>(z.string()),
  edition: z.enum(['enterprise', 'standard']),
  os: z.enum(['windows-server-2008', 'windows-server-2008-r2', 'windows-server-2012']),
  keyRef,
  subject: z.array(rdn),
  notBefore: simTime,
  notAfter: simTime,
  certificate: base64Der,
  thumbprint,
  settings: caSettings,
  templatesToIssue: z.array(z.string()),
  provider: z.enum(['csp', 'ksp']).optional(),
  hashAlgorithm: z.enum(['sha1', 'sha256']).optional(),
  sidUpdate: z.boolean().optional(),
  serialTickBase: z.number().int().min(0).max(0x7f00_0000).optional(),
  crl: crlSettings.optional(),
});

export const issuedCertificate = z.strictObject({
  requestId: positiveInt,
  serialNumber: entityName,
  thumbprint,
  ca: z.string(),
  template: z.string(),
  templateSchemaVersion: positiveInt,
  requester: z.string(),
  subject: z.string(),
  dnsNames: z.array(z.string()),
  upns: z.array(z.string()),
  ekus: z.array(z.string()),
  applicationPolicies: z.array(z.string()),
  notBefore: simTime,
  notAfter: simTime,
  keyRef,
  keySize: positiveInt,
  keyProvider: z.enum(['csp', 'ksp']),
  exportableKey: z.boolean(),
  der: base64Der,
});

export const pendingRequest = z.strictObject({
  requestId: positiveInt,
  ca: z.string(),
  template: z.string(),
  requester: z.string(),
  submittedAt: simTime,
  requested: z.strictObject({ commonName: z.string().optional(), dnsNames: z.array(z.string()) }).optional(),
});
