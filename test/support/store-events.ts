import { SimTime } from '../../domain/index.ts';
import type { PendingEvent } from '../../workflows/index.ts';

/** Events a store suite (or the store's bench) appends: a lab's creation, then groups, all at one simulated time. */
export const at = SimTime('2026-11-02T09:00:00.000Z');

export const created: PendingEvent = {
  type: 'LabCreated',
  data: { domain: { dnsName: 'contoso.com', netbiosName: 'CONTOSO', sid: 'S-1-5-21-1' }, startsAt: at },
  at,
};

export const group = (name: string): PendingEvent => ({
  type: 'PrincipalCreated',
  data: { principal: { name, sid: `S-${name}`, kind: 'group', builtin: false } },
  at,
});
