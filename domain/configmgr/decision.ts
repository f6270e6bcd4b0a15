import type { CaDecision, CaSideEvent, CaView } from '../ca/decision.ts';
import { accepting, refuse } from '../shared/decision.ts';
import type { Timed } from '../shared/time.ts';
import type { ConfigMgrCommand } from './commands.ts';
import type { ConfigMgrEvent } from './events.ts';
import type { ConfigMgrState } from './model.ts';

/** What ConfigMgr's deciders read of the lab: what the CA's read, and the site's own state (World has all of it). */
export interface ConfigMgrView extends CaView {
  readonly configmgr: ConfigMgrState;
}

/** The events a ConfigMgr decision may hold: its own, and what a device's enrollment brings (account, host, certificate). */
export type ConfigMgrSideEvent = ConfigMgrEvent | CaSideEvent;

/** What ConfigMgr's deciders answer: events, or a device certificate to sign (after the device's own events). */
export type ConfigMgrDecision = CaDecision<ConfigMgrSideEvent>;

export const accept = accepting<ConfigMgrSideEvent>();

/** The ConfigMgr command of one type, with the time it is decided at. */
export type Command<T extends ConfigMgrCommand['type']> = Extract<Timed<ConfigMgrCommand>, { type: T }>;

/** The refusal when what ConfigMgr requires of a certificate or host is not met: each problem, in one sentence. */
export const unmet = (what: string, problems: string[]): ConfigMgrDecision =>
  refuse('CONFIGMGR_REQUIREMENTS', `${what}: ${problems.join('; ')}.`);
