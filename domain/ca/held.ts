import type { CertificateSelection } from '../hosts/commands.ts';
import type { HostsState, StoreName, StoredCertificate } from '../hosts/model.ts';
import type { HostName } from '../shared/ids.ts';
import { templateAsTyped } from './lookup.ts';
import type { CaState } from './model.ts';

/**
 * The personal-store certificate a selection designates, newest first for a template (named by its template name or
 * its display name, as the CA knows them). Reads the host's store and the CA's templates.
 */
export const selectCertificate = (
  world: { readonly hosts: HostsState; readonly ca: CaState },
  host: HostName,
  selection: CertificateSelection,
  store: StoreName = 'personal',
): StoredCertificate | undefined => {
  const personal = (world.hosts.stores[host]?.[store] ?? []).filter((c) => !c.archived);
  if ('thumbprint' in selection) return personal.find((c) => c.thumbprint.toLowerCase() === selection.thumbprint.toLowerCase());
  const template = templateAsTyped(world.ca, selection.template);
  return [...personal].reverse().find((c) => c.template === template?.name);
};
