import type { HostsEvent } from '../domain/index.ts';
import { copy } from './copy.ts';
import type { Handlers } from './handlers.ts';

/** Host events: computers, their Local Computer stores, and IIS bindings. */
export const hostsHandlers: Handlers<HostsEvent> = {
  HostProvisioned: (world, { data }) => {
    // Object.assign, not a spread: V8 makes later writes to a spread copy (every timer pass) about ten times slower.
    world.hosts.hosts[data.host.name] = Object.assign({}, data.host) as never;
    world.hosts.stores[data.host.name] = { personal: [] };
    const sites = data.iisSites;
    world.hosts.iis[data.host.name] = sites.length === 0 ? {} : Object.fromEntries(sites.map((site) => [site.name, copy(site)]));
  },
  CertificateInstalled: (world, event) => {
    const { data } = event;
    (world.hosts.stores[data.host]![data.store] ??= []).push({
      thumbprint: data.thumbprint,
      template: data.template,
      keyRef: data.keyRef,
      hasPrivateKey: true,
      exportableKey: data.exportableKey,
      installedAt: event.at,
    });
  },
  IisBindingChanged: (world, { data }) => {
    const site = world.hosts.iis[data.host]![data.site]!;
    const binding = site.bindings.find((b) => b.protocol === data.protocol && b.port === data.port);
    if (binding) binding.thumbprint = data.thumbprint;
    else site.bindings.push({ protocol: data.protocol, port: data.port, thumbprint: data.thumbprint });
  },
  CertificateExported: (world, { data }) => {
    const stored = world.hosts.stores[data.host]?.personal?.find((c) => c.thumbprint === data.thumbprint);
    if (stored) stored.exportedTo = [...(stored.exportedTo ?? []), data.file];
  },
  IisBindingVerified: () => undefined,
  CertificateVerified: () => undefined,
};
