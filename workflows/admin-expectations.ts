import { templateAsTyped, type World } from '../domain/index.ts';

/** A computer's autoenrollment task as the end of a run finds it: how many passes ran, what the last one logged. */
interface AutoenrollmentExpectation {
  readonly host: string;
  readonly passes?: number;
  /** An error code (0x8009480F) or an event id (47) the last pass logged; "none" for a clean pass. */
  readonly failure?: string;
}

/** A request in the CA's Pending Requests (pending), issued from them, or denied. */
interface RequestExpectation {
  readonly requestId?: number;
  readonly template?: string;
  readonly requester?: string;
  readonly status: 'pending' | 'issued' | 'denied';
}

/** How many certificates of a template a computer's personal store holds in use, and archived (renewed or superseded). */
interface StoreExpectation {
  readonly host: string;
  readonly template: string;
  readonly active?: number;
  readonly archived?: number;
}

export interface AdminExpectations {
  readonly autoenrollment?: readonly AutoenrollmentExpectation[];
  readonly requests?: readonly RequestExpectation[];
  readonly stores?: readonly StoreExpectation[];
}

interface Result {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

const autoenrollment = (world: World, e: AutoenrollmentExpectation): Result[] => {
  const host = world.hosts.hosts[e.host];
  const results: Result[] = [];
  if (e.passes !== undefined) {
    results.push({
      name: `${e.host} ran ${e.passes} autoenrollment passes`,
      ok: host?.autoenrollmentPasses === e.passes,
      detail: `passes: ${host?.autoenrollmentPasses ?? 0}`,
    });
  }
  if (e.failure !== undefined) {
    const failures = host?.autoenrollmentFailures ?? [];
    const wanted = e.failure.toLowerCase();
    const ok =
      wanted === 'none'
        ? failures.length === 0
        : failures.some((f) => String(f.eventId) === wanted || f.message.toLowerCase().includes(wanted));
    results.push({
      name: `${e.host}'s last autoenrollment pass logged ${e.failure}`,
      ok,
      detail: failures.map((f) => `event ${f.eventId}: ${f.message}`).join('; ') || 'no failure',
    });
  }
  return results;
};

const request = (world: World, e: RequestExpectation): Result => {
  const template = e.template ? (templateAsTyped(world.ca, e.template)?.name ?? e.template) : undefined;
  const fits = (r: { requestId: number; template: string; requester: string }) =>
    (e.requestId === undefined || r.requestId === e.requestId) &&
    (!template || r.template === template) &&
    (!e.requester || r.requester === e.requester);
  const name = `request ${[e.requestId, e.template, e.requester].filter((x) => x !== undefined).join(' ')} ${e.status}`;
  const pending = Object.values(world.ca.pending).filter(fits);
  const issued = Object.values(world.ca.issued).filter(fits);
  const denied = (world.ca.denied ?? []).filter((id) => e.requestId === undefined || id === e.requestId);
  const ok = { pending: pending.length > 0, issued: issued.length > 0, denied: denied.length > 0 }[e.status];
  const ids = (list: readonly number[]) => list.join(', ') || 'none';
  const detail = `pending: ${ids(pending.map((r) => r.requestId))}; issued: ${ids(issued.map((r) => r.requestId))}; denied: ${ids(denied)}`;
  return { name, ok, detail };
};

const store = (world: World, e: StoreExpectation): Result => {
  const template = templateAsTyped(world.ca, e.template)?.name ?? e.template;
  const held = (world.hosts.stores[e.host]?.personal ?? []).filter((c) => c.template === template);
  const active = held.filter((c) => !c.archived).length;
  const archived = held.length - active;
  const ok = (e.active === undefined || e.active === active) && (e.archived === undefined || e.archived === archived);
  const name = `${e.host}\\Personal holds ${e.active ?? '?'} active and ${e.archived ?? '?'} archived "${e.template}" certificates`;
  return { name, ok, detail: `active ${active}, archived ${archived}` };
};

/** Checks the administrative expectations (autoenrollment passes, requests, stores) against the final world. Pure. */
export const checkAdminExpectations = (world: World, expect: AdminExpectations): Result[] => [
  ...(expect.autoenrollment ?? []).flatMap((e) => autoenrollment(world, e)),
  ...(expect.requests ?? []).map((e) => request(world, e)),
  ...(expect.stores ?? []).map((e) => store(world, e)),
];
