import { evaluateFindings, type Finding, type LabEventType, type RecordedEvent, type World } from '../../domain/index.ts';
import { fold, type Timeline } from '../../projections/index.ts';

/** When a finding (an id, or a rule for any finding of it) was first present, and how it came and went after that. */
interface FindingHistory {
  readonly first: { readonly position: number; readonly finding: Finding };
  readonly later: readonly { readonly position: number; readonly kind: 'cleared' | 'back' }[];
}

/** Event types that fold into nothing a finding rule reads: procedure progress, rejections, and those that fold to nothing. */
const inert: readonly LabEventType[] = [
  'ActionTaken',
  'ActionRejected',
  'ProcedureStarted',
  'ProcedureCompleted',
  'CertificateVerified',
  'IisBindingVerified',
  'DeviceEnrolled',
  'AmtComputerProvisioned',
];

/**
 * Event types the ESC rules (domain/findings/security.ts) never read: those rules look only at templates, CAs, group
 * membership and the principals a template or CA names, and not at time. Types missing here count as relevant.
 */
const outsideSecurity = new Set<LabEventType>([
  ...inert,
  'ComputerRestarted',
  'GpoCreated',
  'AutoenrollmentPolicyConfigured',
  'CertificateRequestPending',
  'CertificateIssued',
  'AutoenrollmentRan',
  'HostProvisioned',
  'CertificateInstalled',
  'CertificateExported',
  'IisBindingChanged',
  'SiteSystemConfigured',
  'CloudDistributionPointCreated',
  'DistributionPointCertificateImported',
  'OutOfBandServicePointConfigured',
  'OutOfBandManagementConfigured',
  'EnrollmentProfileSet',
]);
const securityRule = /^ESC\d+(:|$)/;

/** Every principal a template's Security tab or a CA's settings name anywhere in the log. */
const namedPrincipals = (events: readonly RecordedEvent[]): Set<string> =>
  new Set(
    events.flatMap((e) => {
      if (e.type === 'TemplatePublished' || e.type === 'TemplateDuplicated') return e.data.template.acl.map((a) => a.principal);
      if (e.type === 'TemplatePermissionsChanged') return [e.data.after.principal];
      if (e.type === 'CaInstalled') {
        const { host, settings } = e.data.authority;
        return [host, ...settings.managers, ...settings.officers, ...settings.enrollees];
      }
      return [];
    }),
  );

/**
 * For each position, whether its event may change whether the wanted finding is present. An autoenrollment pass
 * counts only when its failures differ from the computer's previous pass: otherwise it moves a time no rule reads.
 */
const relevance = (events: readonly RecordedEvent[], wanted: string): boolean[] => {
  const skip = new Set<LabEventType>(securityRule.test(wanted) ? outsideSecurity : inert);
  const named = securityRule.test(wanted) ? namedPrincipals(events) : undefined;
  const lastFailures = new Map<string, string>();
  return events.map((e) => {
    if (e.type === 'AutoenrollmentRan' && !skip.has(e.type)) {
      const failures = e.data.failures.length === 0 ? '' : JSON.stringify(e.data.failures);
      const changed = (lastFailures.get(e.data.computer) ?? '') !== failures;
      lastFailures.set(e.data.computer, failures);
      return changed;
    }
    if (e.type === 'PrincipalCreated' && named) return named.has(e.data.principal.name);
    return !skip.has(e.type);
  });
};

const withoutProvenance = { provenance: false } as const;

/**
 * Walks the log once and returns every position where the wanted finding's presence flips. It is evaluated after each
 * relevant event, just before each (time alone may have changed it: expiry), and at every checkpoint. A flip found at
 * a point no relevant event explains sends the stretch since the last evaluation through event by event.
 */
const presenceFlips = (
  timeline: Timeline,
  events: readonly RecordedEvent[],
  relevant: readonly boolean[],
  present: (w: World) => boolean,
): number[] => {
  const flips: number[] = [];
  let world = timeline.worldAt(0);
  let position = 0;
  let was = present(world);
  const advanceTo = (n: number) => {
    world = fold(events.slice(position, n), world, withoutProvenance);
    position = n;
  };
  for (let n = 1; n <= events.length; n += 1) {
    const checkpoint = n % timeline.checkpointInterval === 0 || n === events.length;
    if (!relevant[n - 1] && !relevant[n] && !checkpoint) continue;
    const from = position;
    const start = world;
    advanceTo(n);
    if (present(world) === was) continue;
    if (n - from === 1) {
      flips.push(n);
      was = !was;
      continue;
    }
    world = start;
    position = from;
    for (let k = from + 1; k <= n; k += 1) {
      advanceTo(k);
      if (present(world) === was) continue;
      flips.push(k);
      was = !was;
    }
  }
  return flips;
};

/**
 * The first position at which a finding is present, and its later disappearances and reappearances. A finding may
 * come and go several times, so presence is not bisected but followed through the log; undefined when it never shows.
 */
export const findingHistory = (timeline: Timeline, events: readonly RecordedEvent[], wanted: string): FindingHistory | undefined => {
  const matching = (w: World) => evaluateFindings(w).find((f) => f.id === wanted || f.rule === wanted);
  const [first, ...rest] = presenceFlips(timeline, events, relevance(events, wanted), (w) => matching(w) !== undefined);
  if (first === undefined) return undefined;
  return {
    first: { position: first, finding: matching(timeline.worldAt(first))! },
    later: rest.map((position, i) => ({ position, kind: i % 2 === 0 ? 'cleared' : 'back' })),
  };
};
