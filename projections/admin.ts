import type { AdminEvent } from '../domain/index.ts';
import type { Handlers } from './handlers.ts';

/** Events of the administrative actions: templates taken off a CA, settings tabs, denials, archived certificates. */
export const adminHandlers: Handlers<AdminEvent> = {
  TimeAdvanced: () => undefined,
  GroupPolicyRefreshed: () => undefined,
  TemplateRemovedFromCa: (world, { data }) => {
    const authority = world.ca.authorities[data.ca]!;
    authority.templatesToIssue = authority.templatesToIssue.filter((name) => name !== data.template);
  },
  TemplateSettingsChanged: (world, { data }) => {
    const template = world.ca.templates[data.template]!;
    const { supersedes, ...rest } = data.settings;
    Object.assign(template, rest);
    if (supersedes) template.supersedes = [...supersedes];
    template.minorRevision = data.minorRevision;
  },
  CertificateRequestDenied: (world, { data }) => {
    delete world.ca.pending[String(data.requestId)];
    world.ca.denied = [...(world.ca.denied ?? []), data.requestId];
  },
  CertificateArchived: (world, { data }) => {
    const stored = world.hosts.stores[data.host]?.[data.store]?.find((c) => c.thumbprint === data.thumbprint);
    if (stored) stored.archived = true;
  },
};
