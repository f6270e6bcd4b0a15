import type { Draft } from 'immer';
import type { CaEvent, LabEvent, RecordedEvent, Template, World } from '../domain/index.ts';
import { copy, settled } from './copy.ts';
import { crlHandlers } from './crl.ts';
import type { Handlers } from './handlers.ts';

type Host = World['hosts']['hosts'][string];
type AutoenrollmentRan = Extract<LabEvent, { type: 'AutoenrollmentRan' }>;

/** A template as the projection keeps it: its own arrays, since later events edit them in place. */
const ownTemplate = (t: Template) => copy({ ...t, acl: [...t.acl], ekus: [...t.ekus], applicationPolicies: [...t.applicationPolicies] });

/**
 * What autoenrollment passes leave on their host: the last one's time and failures, and the count. One place for
 * the rule: the fold applies one pass at a time, a timeline lays a computer's passes over a checkpoint at once.
 */
export const recordPasses = (host: Draft<Host>, last: RecordedEvent<AutoenrollmentRan>, passes: number): void => {
  host.lastAutoenrollment = last.at;
  host.autoenrollmentPasses = (host.autoenrollmentPasses ?? 0) + passes;
  const { failures } = last.data;
  // `in` asks the draft without drafting the value: most passes fail nothing and touch nothing else.
  if (failures.length > 0) {
    host.autoenrollmentFailures = settled(failures.map(({ template, eventId, message }) => ({ template, eventId, message })));
  } else if ('autoenrollmentFailures' in host) delete host.autoenrollmentFailures;
};

/** CA events: templates and their settings, templates to issue, requests and issued certificates. */
export const caHandlers: Handlers<CaEvent> = {
  ...crlHandlers,
  CaInstalled: (world, { data }) => {
    world.ca.authorities[data.authority.name] = copy({ ...data.authority, templatesToIssue: [...data.authority.templatesToIssue] });
  },
  TemplatePublished: (world, { data }) => {
    world.ca.templates[data.template.name] = ownTemplate(data.template);
  },
  TemplateDuplicated: (world, { data }) => {
    world.ca.templates[data.template.name] = ownTemplate(data.template);
    world.ca.templatesCreated += 1;
    world.ca.duplicatedAcls[data.template.name] = copy([...data.template.acl]);
  },
  TemplateSubjectNameChanged: (world, { data }) => {
    const template = world.ca.templates[data.template]!;
    template.subjectName = data.subjectName as never;
    template.minorRevision = data.minorRevision;
  },
  TemplateRequestHandlingChanged: (world, { data }) => {
    const template = world.ca.templates[data.template]!;
    template.exportableKey = data.exportableKey;
    template.managerApproval = data.managerApproval;
    template.minorRevision = data.minorRevision;
  },
  TemplatePermissionsChanged: (world, { data }) => {
    const template = world.ca.templates[data.template]!;
    const index = template.acl.findIndex((ace) => ace.principal === data.after.principal);
    if (index >= 0) template.acl[index] = data.after as never;
    else template.acl.push(data.after as never);
    template.minorRevision = data.minorRevision;
  },
  TemplateApplicationPolicyAdded: (world, { data }) => {
    const template = world.ca.templates[data.template]!;
    template.applicationPolicies.push(data.oid);
    if (!template.ekus.includes(data.oid)) template.ekus.push(data.oid);
    template.minorRevision = data.minorRevision;
  },
  AutoenrollmentRan: (world, event) => {
    const host = world.hosts.hosts[event.data.computer];
    if (host) recordPasses(host, event, 1);
  },
  TemplateIssued: (world, { data }) => {
    world.ca.authorities[data.ca]!.templatesToIssue.push(data.template);
  },
  CertificateRequestPending: (world, { data }) => {
    world.ca.pending[String(data.requestId)] = settled(data);
    world.ca.lastRequestId = Math.max(world.ca.lastRequestId, data.requestId);
  },
  CertificateIssued: (world, { data: { certificate } }) => {
    const { ca } = world;
    const { serialNumber, thumbprint, requester, requestId } = certificate;
    delete ca.pending[String(requestId)];
    ca.issued[serialNumber] = settled(certificate);
    ca.serialByThumbprint[thumbprint] = serialNumber;
    // Own entries only: a requester named like an Object.prototype member (constructor, toString) starts afresh.
    const serials = Object.hasOwn(ca.serialsByRequester, requester) ? ca.serialsByRequester[requester] : undefined;
    ca.serialsByRequester[requester] = settled(serials ? [...serials, serialNumber] : [serialNumber]);
    ca.lastRequestId = Math.max(ca.lastRequestId, requestId);
  },
};
