import { match } from 'ts-pattern';
import { accepting, refuse, type Decided } from '../shared/decision.ts';
import type { DirectoryEvent } from './events.ts';
import type { DirectoryState } from './model.ts';
import type { DirectoryCommand } from './commands.ts';
import { groupsOf } from './membership.ts';

/** What the directory's deciders read of the lab (World has it). */
interface DirectoryView {
  readonly directory: DirectoryState;
}

const accept = accepting<DirectoryEvent>();

/** The relative id AD hands the next account created in the lab's domain. */
const nextRid = (world: DirectoryView): number => 1100 + Object.values(world.directory.principals).filter((p) => !p.builtin).length;

export const decideDirectory = (command: DirectoryCommand, world: DirectoryView): Decided<DirectoryEvent> => {
  const { principals, members, domain } = world.directory;
  return match(command)
    .with({ type: 'CreateGroup' }, ({ name }) =>
      principals[name]
        ? refuse('ALREADY_EXISTS', `A ${principals[name].kind} named "${name}" already exists in ${domain.dnsName}.`)
        : accept({
            type: 'PrincipalCreated',
            data: { principal: { name, sid: `${domain.sid}-${nextRid(world)}`, kind: 'group', builtin: false } },
          }),
    )
    .with({ type: 'AddGroupMember' }, ({ group, member }) => {
      if (principals[group]?.kind !== 'group') return refuse('NOT_FOUND', `Expected a security group named "${group}"; none exists.`);
      if (!principals[member]) return refuse('NOT_FOUND', `Expected an account named "${member}" to add to "${group}"; none exists.`);
      if (members[group]?.includes(member)) return refuse('ALREADY_EXISTS', `"${member}" is already a member of "${group}".`);
      return accept({ type: 'GroupMemberAdded', data: { group, member } });
    })
    .with({ type: 'RestartComputer' }, ({ computer }) =>
      principals[computer]?.kind !== 'computer'
        ? refuse('NOT_FOUND', `Expected a computer named "${computer}"; none exists.`)
        : accept({
            type: 'ComputerRestarted',
            data: { computer, tokenGroups: groupsOf(world.directory, computer).filter((g) => g !== computer) },
          }),
    )
    .with({ type: 'CreateGpo' }, ({ name, linkToDomain }) =>
      world.directory.gpos[name]
        ? refuse('ALREADY_EXISTS', `A Group Policy object named "${name}" already exists in ${domain.dnsName}.`)
        : accept({ type: 'GpoCreated', data: { name, linkedTo: linkToDomain ? domain.dnsName : null } }),
    )
    .with({ type: 'ConfigureAutoenrollmentPolicy' }, ({ gpo, policy }) =>
      world.directory.gpos[gpo]
        ? accept({ type: 'AutoenrollmentPolicyConfigured', data: { gpo, policy } })
        : refuse('NOT_FOUND', `Expected a Group Policy object named "${gpo}"; Group Policy Management lists none.`),
    )
    .exhaustive();
};
