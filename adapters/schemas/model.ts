import { z } from 'zod';
import {
  altNameKinds,
  certificatePurposes,
  compatibilityAuthorities,
  compatibilityRecipients,
  failures,
  subjectFormats,
  templateRights,
  type SimTime,
} from '../../domain/index.ts';
import { branded, displayName, entityName, hostName, templateName, thumbprint } from './names.ts';

// Schemas of the domain's values as events carry them; events.ts proves they infer the domain's types.

const keysOf = <T extends object>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

/** Simulated time: an ISO-8601 UTC instant, as `toISOString` writes it. */
export const simTime = branded<SimTime>(z.iso.datetime({ error: 'expected an ISO-8601 UTC time such as 2026-11-02T09:00:00.000Z' }));
export const count = z.number().int().nonnegative();
export const positiveInt = z.number().int().positive();
export const port = z.number().int().min(1).max(65535);
/** Base64 DER (RFC 4648 alphabet, padded). */
export const base64Der = z.base64({ error: 'expected base64 DER' });

/** Any value JSON can hold, but present: a choice or an input the log recorded (passwords stay as recorded). */
export const recordedValue = z
  .unknown()
  .refine((value): boolean => value !== undefined, { error: 'expected a recorded value (any JSON), found nothing' });

export const rdn = z.tuple([z.enum(['DC', 'CN', 'OU', 'O', 'E']), z.string()]);

// ---- Directory ----

export const principal = z.strictObject({
  name: entityName,
  sid: z.string(),
  kind: z.enum(['user', 'computer', 'group', 'well-known']),
  builtin: z.boolean(),
  dnsHostName: z.string().optional(),
  userPrincipalName: z.string().optional(),
  mail: z.string().optional(),
  ou: z.string().optional(),
  primaryGroup: z.string().optional(),
});

export const autoenrollmentPolicy = z.strictObject({
  configurationModel: z.enum(['enabled', 'disabled', 'not-configured']),
  renewExpired: z.boolean(),
  updateTemplates: z.boolean(),
});

// ---- Certificate templates and the CA ----

const right = z.enum(templateRights);
export const ace = z.strictObject({ principal: z.string(), allow: z.array(right), deny: z.array(right) });

export const subjectNameSetting = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('supply-in-request') }),
  z.strictObject({ source: z.literal('build-from-ad'), format: z.enum(subjectFormats), altNames: z.array(z.enum(altNameKinds)) }),
]);

export const template = z.strictObject({
  name: templateName,
  displayName,
  schemaVersion: z.literal([1, 2, 3, 4]),
  oid: z.string(),
  revision: count,
  minorRevision: count,
  forComputers: z.boolean(),
  subjectName: subjectNameSetting,
  ekus: z.array(z.string()),
  applicationPolicies: z.array(z.string()),
  keyUsage: z.array(z.enum(['digitalSignature', 'keyEncipherment'])),
  minimalKeySize: positiveInt,
  exportableKey: z.boolean(),
  autoenrollment: z.boolean(),
  managerApproval: z.boolean(),
  validityDays: positiveInt,
  renewalDays: count,
  noSecurityExtension: z.boolean().optional(),
  issuancePolicies: z.array(z.strictObject({ oid: z.string(), linkedGroup: z.string().optional() })).optional(),
  purpose: z.enum(certificatePurposes).optional(),
  compatibility: z
    .strictObject({
      certificationAuthority: z.enum(keysOf(compatibilityAuthorities)),
      certificateRecipient: z.enum(keysOf(compatibilityRecipients)),
    })
    .optional(),
  supersedes: z.array(z.string()).optional(),
  keyProvider: z.enum(['csp', 'ksp']),
  acl: z.array(ace),
});

// ---- Hosts and ConfigMgr ----

const autoenrollmentFailure = z.strictObject({ template: z.string(), eventId: z.literal([13, 47]), message: z.string() });

export const host = z.strictObject({
  name: hostName,
  fqdn: z.string(),
  internetFqdn: z.string().optional(),
  os: z.string(),
  roles: z.array(z.string()),
  lastBoot: simTime,
  lastAutoenrollment: simTime.optional(),
  autoenrollmentPasses: count.optional(),
  autoenrollmentFailures: z.array(autoenrollmentFailure).optional(),
  device: z.enum(['mobile', 'mac', 'amt']).optional(),
});

export const iisSite = z.strictObject({
  name: entityName,
  bindings: z.array(z.strictObject({ protocol: z.literal('https'), port, thumbprint: thumbprint.optional() })),
});

export const storeName = z.enum(['personal', 'amt-firmware']);
export const enrollmentPlatform = z.enum(['mobile', 'mac']);

// ---- Workflow ----

export const rejection = z.strictObject({ name: z.enum(keysOf(failures)), code: z.string(), text: z.string(), reason: z.string() });
