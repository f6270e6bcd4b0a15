import { z } from 'zod';
import { pfxEncryptions, type HostName, type LabEvent, type LabEventType, type RecordedEvent } from '../../domain/index.ts';
import {
  ace,
  autoenrollmentPolicy,
  count,
  enrollmentPlatform,
  host,
  iisSite,
  port,
  positiveInt,
  principal,
  recordedValue,
  rejection,
  simTime,
  storeName,
  subjectNameSetting,
  template,
} from './model.ts';
import { certificationAuthority, issuedCertificate, pendingRequest, publishedCrl, revocationReason } from './model-ca.ts';
import { branded, entityName, hostName, keyRef, thumbprint } from './names.ts';

const o = z.strictObject;
const s = z.string();
const strings = z.array(s);
/** A host name in events that never checked it as a record key (as before: any string). */
const anyHost = branded<HostName>(s);

/** The `data` of every event type: a table, so that a type missing here (or one too many) fails the type check below. */
const eventData = {
  // Directory
  LabCreated: o({ domain: o({ dnsName: s, netbiosName: s, sid: s }), startsAt: simTime }),
  PrincipalCreated: o({ principal }),
  GroupMemberAdded: o({ group: entityName, member: s }),
  ComputerRestarted: o({ computer: hostName, tokenGroups: strings }),
  GpoCreated: o({ name: entityName, linkedTo: s.nullable() }),
  AutoenrollmentPolicyConfigured: o({ gpo: entityName, policy: autoenrollmentPolicy }),
  // CA
  CaInstalled: o({ authority: certificationAuthority }),
  TemplatePublished: o({ template }),
  TemplateDuplicated: o({ source: s, versionLabel: s, template }),
  TemplateSubjectNameChanged: o({ template: entityName, subjectName: subjectNameSetting, minorRevision: count }),
  TemplateRequestHandlingChanged: o({
    template: entityName,
    exportableKey: z.boolean(),
    managerApproval: z.boolean(),
    minorRevision: count,
  }),
  TemplatePermissionsChanged: o({ template: entityName, before: ace.nullable(), after: ace, minorRevision: count }),
  TemplateIssued: o({ ca: entityName, template: s }),
  CertificateIssued: o({ certificate: issuedCertificate }),
  TemplateApplicationPolicyAdded: o({ template: entityName, name: s, oid: s, minorRevision: count }),
  AutoenrollmentRan: o({
    computer: hostName,
    trigger: z.enum(['startup', 'timer', 'pulse']),
    failures: z.array(o({ template: s, eventId: z.literal([13, 47]), code: s.optional(), message: s })),
  }),
  CertificateRequestPending: pendingRequest,
  CertificateRevoked: o({ ca: entityName, serialNumber: entityName, requestId: positiveInt, thumbprint, reason: revocationReason }),
  CrlPublished: publishedCrl,
  CaServiceStopped: o({ ca: entityName }),
  CaServiceStarted: o({ ca: entityName }),
  // Hosts
  HostProvisioned: o({ host, iisSites: z.array(iisSite) }),
  CertificateInstalled: o({ host: hostName, store: storeName, thumbprint, template: s, keyRef, exportableKey: z.boolean() }),
  IisBindingChanged: o({ host: hostName, site: entityName, protocol: z.literal('https'), port, thumbprint, previous: s.nullable() }),
  IisBindingVerified: o({ host: anyHost, site: s, thumbprint, names: strings }),
  CertificateExported: o({
    host: hostName,
    thumbprint,
    file: s,
    withPrivateKey: z.boolean(),
    encryption: z.enum(pfxEncryptions).optional(),
  }),
  CertificateVerified: o({ host: anyHost, thumbprint, template: s, purposes: strings }),
  // ConfigMgr
  SiteSystemConfigured: o({ host: hostName, intranetFqdn: s, internetFqdn: s.optional() }),
  CloudDistributionPointCreated: o({ serviceFqdn: entityName, thumbprint, file: s }),
  DistributionPointCertificateImported: o({ host: hostName, thumbprint, file: s, pxe: z.boolean(), bootMedia: z.boolean() }),
  OutOfBandServicePointConfigured: o({ host: anyHost, provisioningThumbprint: s }),
  OutOfBandManagementConfigured: o({ amtGroup: s, webServerTemplate: s, clientAuthTemplate: s.optional() }),
  EnrollmentProfileSet: o({ platform: enrollmentPlatform, template: s }),
  DeviceEnrolled: o({ device: s, user: s, platform: enrollmentPlatform }),
  AmtComputerProvisioned: o({ computer: anyHost, fqdn: s, group: s }),
  // Administrative actions
  TimeAdvanced: o({ from: simTime, to: simTime }),
  GroupPolicyRefreshed: o({ computer: hostName }),
  TemplateRemovedFromCa: o({ ca: entityName, template: entityName }),
  TemplateSettingsChanged: o({
    template: entityName,
    tab: s,
    settings: o({
      validityDays: positiveInt.optional(),
      renewalDays: count.optional(),
      minimalKeySize: positiveInt.optional(),
      exportableKey: z.boolean().optional(),
      managerApproval: z.boolean().optional(),
      autoenrollment: z.boolean().optional(),
      supersedes: strings.optional(),
    }),
    minorRevision: count,
  }),
  CertificateRequestDenied: o({ ca: entityName, requestId: positiveInt }),
  CertificateArchived: o({ host: hostName, store: storeName, thumbprint, reason: z.enum(['renewed', 'superseded', 're-enrolled']) }),
  // Workflow
  ActionTaken: o({ procedure: entityName, step: s, choice: recordedValue }),
  ActionRejected: o({ procedure: entityName, step: s, rejection }),
  ProcedureStarted: o({ procedure: entityName, input: recordedValue }),
  ProcedureCompleted: o({ procedure: entityName }),
} satisfies { [K in LabEventType]: z.ZodType };

type Data = typeof eventData;
type EventSchema<K extends LabEventType> = z.ZodObject<{ type: z.ZodLiteral<K>; data: Data[K] }, z.core.$strict>;
type RecordedShape<K extends LabEventType> = { type: z.ZodLiteral<K>; data: Data[K]; position: typeof positiveInt; at: typeof simTime };
type RecordedSchema<K extends LabEventType> = z.ZodObject<RecordedShape<K>, z.core.$strict>;

/** Every event type, in the table's order. */
export const eventTypes = Object.keys(eventData) as LabEventType[];

const table = <S>(make: (type: LabEventType) => S) => Object.fromEntries(eventTypes.map((type) => [type, make(type)]));

/** One strict schema per event type, by type: validating through it skips the union's dispatch. */
const eventSchemas = table((type) => o({ type: z.literal(type), data: eventData[type] })) as { [K in LabEventType]: EventSchema<K> };
/** The same, for the event as stored: with its position (1-based) and simulated time. */
export const recordedSchemas = table((type) => eventSchemas[type].extend({ position: positiveInt, at: simTime })) as {
  [K in LabEventType]: RecordedSchema<K>;
};

/** The schemas of all types as a list for `z.discriminatedUnion`: a union of one schema per type, not one schema of unions. */
const options = <S extends object>(schemas: S) => Object.values(schemas) as [S[keyof S], ...S[keyof S][]];
export const labEvent = z.discriminatedUnion('type', options(eventSchemas));
export const recordedEvent = z.discriminatedUnion('type', options(recordedSchemas));

// ---- The schemas and the domain's types agree (a compile error otherwise) ----

/** The domain's types are deeply readonly; what zod infers is not. Compared without `readonly` (branded strings kept whole). */
export type Writable<T> = T extends string ? T : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;
export type Equal<A, B> = (<T>() => T extends Writable<A> ? 1 : 2) extends <T>() => T extends Writable<B> ? 1 : 2 ? true : false;
export type Expect<T extends true> = T;

type DataOf<K extends LabEventType> = Extract<LabEvent, { type: K }>['data'];
export type SchemasMatchTypes = [
  Expect<Equal<{ [K in keyof Data]: z.infer<Data[K]> }, { [K in LabEventType]: Writable<DataOf<K>> }>>,
  Expect<Equal<z.infer<typeof labEvent>, Writable<LabEvent>>>,
  Expect<Equal<z.infer<typeof recordedEvent>, Writable<RecordedEvent>>>,
];
