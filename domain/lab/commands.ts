import type { CaCommand } from '../ca/commands.ts';
import type { ConfigMgrCommand } from '../configmgr/commands.ts';
import type { DirectoryCommand } from '../directory/commands.ts';
import type { HostsCommand } from '../hosts/commands.ts';
import type { AdminCommand } from './admin-commands.ts';

/** Every command a procedure step can issue against the lab. */
export type LabCommand = DirectoryCommand | CaCommand | HostsCommand | ConfigMgrCommand | AdminCommand;
