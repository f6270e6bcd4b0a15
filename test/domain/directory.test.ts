import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, SimTime, decide, timed, groupsOf } from '../../domain/index.ts';
import { given, givenNetwork } from '../support/world.ts';

const directory = suite('domain/directory');
const at = SimTime('2026-11-02T10:00:00.000Z');

directory('creates a group with the next relative id of the domain', () => {
  const decision = decide(timed({ type: 'CreateGroup', name: 'ConfigMgr IIS Servers' }, at), givenNetwork());
  assert.is(decision.kind, 'accepted');
  if (decision.kind !== 'accepted') return;
  const event = decision.events[0]!;
  assert.is(event.type, 'PrincipalCreated');
  if (event.type === 'PrincipalCreated') assert.match(event.data.principal.sid, /^S-1-5-21-3623811015-3361044348-30300820-11\d\d$/);
});

directory('refuses to create a group whose name is taken', () => {
  const decision = decide(timed({ type: 'CreateGroup', name: 'Domain Admins' }, at), givenNetwork());
  assert.is(decision.kind === 'rejected' && decision.rejection.name, 'ALREADY_EXISTS');
});

directory('refuses to add a member to a group that does not exist', () => {
  const decision = decide(timed({ type: 'AddGroupMember', group: 'Nobody', member: 'SERVER1' }, at), givenNetwork());
  assert.is(decision.kind === 'rejected' && decision.rejection.code, 'not-found');
});

directory('a restart hands the computer a token with the groups it joined since its last boot', () => {
  const world = given(
    givenNetwork(),
    {
      type: 'PrincipalCreated',
      data: { principal: { name: 'ConfigMgr IIS Servers', sid: 'S-1-5-21-1-1100', kind: 'group', builtin: false } },
    },
    { type: 'GroupMemberAdded', data: { group: 'ConfigMgr IIS Servers', member: 'SERVER1' } },
  );
  assert.not.ok(world.directory.tokens.SERVER1!.groups.includes('ConfigMgr IIS Servers'));
  const decision = decide(timed({ type: 'RestartComputer', computer: HostName('SERVER1') }, at), world);
  assert.is(decision.kind, 'accepted');
  const after = decision.kind === 'accepted' ? given(world, ...decision.events) : world;
  assert.ok(after.directory.tokens.SERVER1!.groups.includes('ConfigMgr IIS Servers'));
  assert.ok(after.directory.tokens.SERVER1!.groups.includes('Domain Computers'));
});

directory('group membership is transitive through nested groups', () => {
  const world = given(
    givenNetwork(),
    { type: 'PrincipalCreated', data: { principal: { name: 'Inner', sid: 'S-1', kind: 'group', builtin: false } } },
    { type: 'PrincipalCreated', data: { principal: { name: 'Outer', sid: 'S-2', kind: 'group', builtin: false } } },
    { type: 'GroupMemberAdded', data: { group: 'Inner', member: 'CLIENT1' } },
    { type: 'GroupMemberAdded', data: { group: 'Outer', member: 'Inner' } },
  );
  assert.equal(groupsOf(world.directory, 'CLIENT1'), ['Authenticated Users', 'Domain Computers', 'Everyone', 'Inner', 'Outer']);
});

directory('refuses to restart an account that is not a computer', () => {
  const decision = decide(timed({ type: 'RestartComputer', computer: HostName('Administrator') }, at), givenNetwork());
  assert.is(decision.kind, 'rejected');
});

directory.run();
