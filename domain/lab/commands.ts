import type { CaCommand } from '../ca/commands.ts';
import type { ConfigMgrCommand } from '../configmgr/commands.ts';
import type { DirectoryCommand } from '../directory/commands.ts';
import type { HostsCommand } from '../hosts/commands.ts';
import type { SimTime, Timed as TimedCommand } from '../shared/time.ts';
import type { AdminCommand } from './admin-commands.ts';

/** Every command a procedure step can issue against the lab. */
export type LabCommand = DirectoryCommand | CaCommand | HostsCommand | ConfigMgrCommand | AdminCommand;

/** A command with the simulated time it is decided at: what `decide` takes. */
export type Timed<C extends LabCommand = LabCommand> = TimedCommand<C>;

/** The command at simulated time `at`, set where it is about to be decided (a step, an action, a timer, a reaction). */
export const timed = <C extends LabCommand>(command: C, at: SimTime): Timed<C> => ({ ...command, at });
