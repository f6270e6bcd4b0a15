import type { DirectoryEvent } from '../domain/index.ts';
import { copy, settled } from './copy.ts';
import type { Handlers } from './handlers.ts';

/** Directory events: accounts, group membership, the tokens restarts hand out, Group Policy. */
export const directoryHandlers: Handlers<DirectoryEvent> = {
  LabCreated: (world, { data }) => {
    world.directory.domain = { ...data.domain };
    world.startsAt = data.startsAt;
  },
  PrincipalCreated: (world, { data }) => {
    world.directory.principals[data.principal.name] = settled(data.principal);
    if (data.principal.kind === 'group') world.directory.members[data.principal.name] ??= [];
  },
  GroupMemberAdded: (world, { data }) => {
    (world.directory.members[data.group] ??= []).push(data.member);
  },
  ComputerRestarted: (world, event) => {
    world.directory.tokens[event.data.computer] = settled({ groups: settled([...event.data.tokenGroups]), issuedAt: event.at });
    const host = world.hosts.hosts[event.data.computer];
    if (host) host.lastBoot = event.at;
  },
  GpoCreated: (world, { data }) => {
    world.directory.gpos[data.name] = {
      name: data.name,
      linkedTo: data.linkedTo,
      autoenrollment: { configurationModel: 'not-configured', renewExpired: false, updateTemplates: false },
    };
  },
  AutoenrollmentPolicyConfigured: (world, { data }) => {
    world.directory.gpos[data.gpo]!.autoenrollment = copy(data.policy);
  },
};
