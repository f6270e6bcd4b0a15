import type { Draft } from 'immer';
import { copy } from './copy.ts';
import { match } from 'ts-pattern';
import type { DirectoryEvent, RecordedEvent, World } from '../domain/index.ts';

/** Folds directory events: accounts, group membership, and the tokens restarts hand out. */
export const applyDirectory = (world: Draft<World>, event: RecordedEvent<DirectoryEvent>): void =>
  match(event as DirectoryEvent)
    .with({ type: 'LabCreated' }, ({ data }) => {
      world.directory.domain = { ...data.domain };
      world.startsAt = data.startsAt;
    })
    .with({ type: 'PrincipalCreated' }, ({ data }) => {
      world.directory.principals[data.principal.name] = copy(data.principal);
      if (data.principal.kind === 'group') world.directory.members[data.principal.name] ??= [];
    })
    .with({ type: 'GroupMemberAdded' }, ({ data }) => {
      (world.directory.members[data.group] ??= []).push(data.member);
    })
    .with({ type: 'ComputerRestarted' }, ({ data }) => {
      world.directory.tokens[data.computer] = { groups: [...data.tokenGroups], issuedAt: event.at };
      const host = world.hosts.hosts[data.computer];
      if (host) host.lastBoot = event.at;
    })
    .with({ type: 'GpoCreated' }, ({ data }) => {
      world.directory.gpos[data.name] = { name: data.name, linkedTo: data.linkedTo, autoenrollment: { configurationModel: 'not-configured', renewExpired: false, updateTemplates: false } };
    })
    .with({ type: 'AutoenrollmentPolicyConfigured' }, ({ data }) => {
      world.directory.gpos[data.gpo]!.autoenrollment = copy(data.policy);
    })
    .exhaustive();
