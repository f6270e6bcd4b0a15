import type { World } from '../lab/world.ts';
import { finding, type Finding, type Rule } from './model.ts';

/** Thumbprints archived in some store: renewed or replaced, kept but no longer in use. */
export const archivedThumbprints = (world: World): Set<string> =>
  new Set(
    Object.values(world.hosts.stores).flatMap((stores) =>
      Object.values(stores).flatMap((certs) => (certs ?? []).filter((c) => c.archived).map((c) => c.thumbprint)),
    ),
  );

/**
 * An https binding still presenting a certificate its computer has renewed: autoenrollment (or a manual renewal)
 * archives the old certificate but never moves IIS bindings, so the site serves the old one until it expires.
 */
const bindingsOnArchived = (world: World): Finding[] => {
  const archived = archivedThumbprints(world);
  return Object.entries(world.hosts.iis).flatMap(([host, sites]) =>
    Object.values(sites).flatMap((site) =>
      site.bindings
        .filter((b) => b.thumbprint && archived.has(b.thumbprint))
        .map((b) => {
          const old = Object.values(world.ca.issued).find((c) => c.thumbprint === b.thumbprint);
          const stored = world.hosts.stores[host]?.personal?.filter((c) => !c.archived && c.template === old?.template).at(-1);
          return finding(world, {
            rule: 'OP-BINDING-ON-ARCHIVED',
            family: 'operational',
            severity: 'medium',
            subject: `iis:${host}/${site.name}`,
            keys: [`iis:${host}/${site.name}`, `certificate:${b.thumbprint}`],
            message:
              `${host} "${site.name}" (https ${b.port}) still presents ${b.thumbprint}, which was renewed${stored ? ` by ${stored.thumbprint}` : ''} and archived; ` +
              `the binding was not moved, so clients see the old certificate until it expires${old ? ` on ${old.notAfter}` : ''} (then CERT_E_EXPIRED 0x800B0101).`,
            fix: {
              procedure: 'IIS Manager › Default Web Site › Bindings › https › Edit: select the renewed certificate.',
              command: `netsh http update sslcert ipport=0.0.0.0:${b.port} certhash=${stored?.thumbprint ?? '<new thumbprint>'} appid={4dc3e181-e14b-4a21-b022-59fc669b0914}`,
            },
          });
        }),
    ),
  );
};

/** What renewals leave behind: bindings on archived certificates. */
export const renewalRules: Rule = (world) => bindingsOnArchived(world);
