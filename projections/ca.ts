import { castDraft, type Draft } from 'immer';
import { match } from 'ts-pattern';
import type { CaEvent, RecordedEvent, World } from '../domain/index.ts';

/** Folds CA events: templates and their settings, templates to issue, issued certificates. */
export const applyCa = (world: Draft<World>, event: RecordedEvent<CaEvent>): void => {
  const ca = world.ca;
  match(event as CaEvent)
    .with({ type: 'CaInstalled' }, ({ data }) => {
      ca.authorities[data.authority.name] = castDraft(data.authority);
    })
    .with({ type: 'TemplatePublished' }, ({ data }) => {
      ca.templates[data.template.name] = castDraft(data.template);
    })
    .with({ type: 'TemplateDuplicated' }, ({ data }) => {
      ca.templates[data.template.name] = castDraft(data.template);
      ca.templatesCreated += 1;
    })
    .with({ type: 'TemplateSubjectNameChanged' }, ({ data }) => {
      const template = ca.templates[data.template]!;
      template.subjectName = castDraft(data.subjectName);
      template.minorRevision = data.minorRevision;
    })
    .with({ type: 'TemplateRequestHandlingChanged' }, ({ data }) => {
      const template = ca.templates[data.template]!;
      template.exportableKey = data.exportableKey;
      template.minorRevision = data.minorRevision;
    })
    .with({ type: 'TemplatePermissionsChanged' }, ({ data }) => {
      const template = ca.templates[data.template]!;
      const index = template.acl.findIndex((ace) => ace.principal === data.after.principal);
      if (index >= 0) template.acl[index] = castDraft(data.after);
      else template.acl.push(castDraft(data.after));
      template.minorRevision = data.minorRevision;
    })
    .with({ type: 'TemplateIssued' }, ({ data }) => {
      ca.authorities[data.ca]!.templatesToIssue.push(data.template);
    })
    .with({ type: 'CertificateIssued' }, ({ data }) => {
      ca.issued[data.certificate.serialNumber] = castDraft(data.certificate);
      ca.lastRequestId = Math.max(ca.lastRequestId, data.certificate.requestId);
    })
    .exhaustive();
};
