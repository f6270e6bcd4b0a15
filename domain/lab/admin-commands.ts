import type { HostName } from '../shared/ids.ts';
import type { CaAdminCommand } from '../ca/admin-commands.ts';
import type { SimTime } from '../shared/time.ts';

/** Let simulated time pass until `to` (the engine runs what falls due on the way first). */
export type AdvanceTime = { readonly type: 'AdvanceTime'; readonly to: SimTime };
/** `gpupdate /force` on a computer. */
export type RefreshGroupPolicy = { readonly type: 'RefreshGroupPolicy'; readonly computer: HostName };
export type AdminCommand = AdvanceTime | RefreshGroupPolicy | CaAdminCommand;
