import type { Draft } from 'immer';
import { copy } from './copy.ts';
import { match } from 'ts-pattern';
import type { HostsEvent, RecordedEvent, World } from '../domain/index.ts';

/** Folds host events: computers, their Local Computer stores, and IIS bindings. */
export const applyHosts = (world: Draft<World>, event: RecordedEvent<HostsEvent>): void =>
  match(event as HostsEvent)
    .with({ type: 'HostProvisioned' }, ({ data }) => {
      world.hosts.hosts[data.host.name] = copy(data.host);
      world.hosts.stores[data.host.name] = { personal: [] };
      world.hosts.iis[data.host.name] = Object.fromEntries(data.iisSites.map((site) => [site.name, copy(site)]));
    })
    .with({ type: 'CertificateInstalled' }, ({ data }) => {
      (world.hosts.stores[data.host]![data.store] ??= []).push({
        thumbprint: data.thumbprint,
        template: data.template,
        keyRef: data.keyRef,
        hasPrivateKey: true,
        exportableKey: data.exportableKey,
        installedAt: event.at,
      });
    })
    .with({ type: 'IisBindingChanged' }, ({ data }) => {
      const site = world.hosts.iis[data.host]![data.site]!;
      const binding = site.bindings.find((b) => b.protocol === data.protocol && b.port === data.port);
      if (binding) binding.thumbprint = data.thumbprint;
      else site.bindings.push({ protocol: data.protocol, port: data.port, thumbprint: data.thumbprint });
    })
    .with({ type: 'CertificateExported' }, ({ data }) => {
      const stored = world.hosts.stores[data.host]?.personal?.find((c) => c.thumbprint === data.thumbprint);
      if (stored) stored.exportedTo = [...(stored.exportedTo ?? []), data.file];
    })
    .with({ type: 'IisBindingVerified' }, { type: 'CertificateVerified' }, () => undefined)
    .exhaustive();
