import type { Draft } from 'immer';
import { copy } from './copy.ts';
import { match } from 'ts-pattern';
import type { CaEvent, RecordedEvent, World } from '../domain/index.ts';

/** Folds CA events: templates and their settings, templates to issue, issued certificates. */
export const applyCa = (world: Draft<World>, event: RecordedEvent<CaEvent>): void => {
  const ca = world.ca;
  match(event as CaEvent)
    .with({ type: 'CaInstalled' }, ({ data }) => {
      ca.authorities[data.authority.name] = copy(data.authority);
    })
    .with({ type: 'TemplatePublished' }, ({ data }) => {
      ca.templates[data.template.name] = copy(data.template);
    })
    .with({ type: 'TemplateDuplicated' }, ({ data }) => {
      ca.templates[data.template.name] = copy(data.template);
      ca.templatesCreated += 1;
    })
    .with({ type: 'TemplateSubjectNameChanged' }, ({ data }) => {
      const template = ca.templates[data.template]!;
      template.subjectName = copy(data.subjectName);
      template.minorRevision = data.minorRevision;
    })
    .with({ type: 'TemplateRequestHandlingChanged' }, ({ data }) => {
      const template = ca.templates[data.template]!;
      template.exportableKey = data.exportableKey;
      template.managerApproval = data.managerApproval;
      template.minorRevision = data.minorRevision;
    })
    .with({ type: 'TemplatePermissionsChanged' }, ({ data }) => {
      const template = ca.templates[data.template]!;
      const index = template.acl.findIndex((ace) => ace.principal === data.after.principal);
      if (index >= 0) template.acl[index] = copy(data.after);
      else template.acl.push(copy(data.after));
      template.minorRevision = data.minorRevision;
    })
    .with({ type: 'TemplateApplicationPolicyAdded' }, ({ data }) => {
      const template = ca.templates[data.template]!;
      template.applicationPolicies.push(data.oid);
      if (!template.ekus.includes(data.oid)) template.ekus.push(data.oid);
      template.minorRevision = data.minorRevision;
    })
    .with({ type: 'AutoenrollmentRan' }, ({ data }) => {
      const host = world.hosts.hosts[data.computer];
      if (host) {
        host.lastAutoenrollment = event.at;
        host.autoenrollmentFailures = data.failures.map(({ template, eventId, message }) => ({ template, eventId, message }));
      }
    })
    .with({ type: 'TemplateIssued' }, ({ data }) => {
      ca.authorities[data.ca]!.templatesToIssue.push(data.template);
    })
    .with({ type: 'CertificateRequestPending' }, ({ data }) => {
      ca.pending[String(data.requestId)] = copy(data);
      ca.lastRequestId = Math.max(ca.lastRequestId, data.requestId);
    })
    .with({ type: 'CertificateIssued' }, ({ data }) => {
      delete ca.pending[String(data.certificate.requestId)];
      ca.issued[data.certificate.serialNumber] = copy(data.certificate);
      ca.lastRequestId = Math.max(ca.lastRequestId, data.certificate.requestId);
    })
    .exhaustive();
};
