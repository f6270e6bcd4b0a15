import type { AdvanceTime, RefreshGroupPolicy } from './admin-commands.ts';
import { refuse } from '../shared/decision.ts';
import { accept, type Decision } from './decision.ts';
import type { World } from './world.ts';

/** Time only moves forward; the engine has already run the timers that fell due before `to`. */
export const decideAdvanceTime = (command: AdvanceTime, world: World): Decision =>
  Date.parse(command.to) > Date.parse(world.now)
    ? accept({ type: 'TimeAdvanced', data: { from: world.now, to: command.to } })
    : refuse('INVALID_CHOICE', `Simulated time can only move forward: the lab is at ${world.now}, the target ${command.to} is not later.`);

/**
 * `gpupdate /force` refreshes the computer's policy. It does not start autoenrollment by itself (a pass runs at
 * startup, every 8 hours and on `certutil -pulse`) and does not renew the computer's token.
 */
export const decideGroupPolicyRefresh = (command: RefreshGroupPolicy, world: World): Decision =>
  world.directory.principals[command.computer]?.kind === 'computer' && world.hosts.hosts[command.computer]
    ? accept({ type: 'GroupPolicyRefreshed', data: { computer: command.computer } })
    : refuse('NOT_FOUND', `Expected a domain computer named "${command.computer}"; none exists.`);
