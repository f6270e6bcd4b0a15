import type { HostName } from '../shared/ids.ts';
import type { CaAdminEvent } from '../ca/admin-events.ts';
import type { SimTime } from '../shared/time.ts';

/**
 * Events of the administrative actions outside the seed's procedures (restart, gpupdate, approvals, template
 * edits, renewals, time passing). Kept together so the log, the fold and the schemas gain them in one place.
 */

/** Simulated time moved on to `to` (the timers that fell due on the way are in the log before this event). */
export type TimeAdvanced = { readonly type: 'TimeAdvanced'; readonly data: { readonly from: SimTime; readonly to: SimTime } };
/** `gpupdate /force` on a computer: policy refreshed (autoenrollment does not run because of it). */
export type GroupPolicyRefreshed = { readonly type: 'GroupPolicyRefreshed'; readonly data: { readonly computer: HostName } };
export type AdminEvent = TimeAdvanced | GroupPolicyRefreshed | CaAdminEvent;
