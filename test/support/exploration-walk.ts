// The exploration test's walk over the tree of a procedure's paths (test/workflows/exploration.test.ts): each step
// of a shared beginning taken once, each path's checks made where it ends, the issuance invariant on every event.
import * as assert from 'uvu/assert';
import { evaluateFindings, hasRight, issuingAuthorities, tokenIdentities, type RecordedEvent, type World } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import {
  findProcedure,
  procedureSnapshot,
  takeStep,
  type EventStore,
  type Lab,
  type LabPorts,
  type ProcedureDefinition,
  type ProcedureEvent,
  type SecretStore,
} from '../../workflows/index.ts';
import { memorySecretStore } from '../../adapters/secrets/memory.ts';
import type { Branch } from './path-trie.ts';

/** Was the issuance allowed by the world just before it? Token rights, template issued, CA able to read it. */
export const issuanceAllowed = (before: World, event: RecordedEvent): string | undefined => {
  if (event.type !== 'CertificateIssued') return undefined;
  const c = event.data.certificate;
  const template = before.ca.templates[c.template]!;
  const identities = tokenIdentities(before.directory, c.requester);
  const ca = issuingAuthorities(before.ca, template).find((a) => a.name === c.ca);
  if (!ca) return `${c.template} issued by ${c.ca} which does not issue it`;
  if (!hasRight(template.acl, identities, 'Read') || !hasRight(template.acl, identities, 'Enroll'))
    return `${c.requester} lacked Read/Enroll on ${c.template}`;
  if (!hasRight(template.acl, tokenIdentities(before.directory, ca.host), 'Read')) return `${c.ca} could not read ${c.template}`;
  if (ca.edition === 'standard' && template.schemaVersion > 1) return `a Standard CA issued version ${template.schemaVersion}`;
  return undefined;
};

/** The person's inputs and the procedure's start and end: recorded by the engine for every procedure. */
const workflowEvents: readonly string[] = ['ProcedureStarted', 'ActionTaken', 'ActionRejected', 'ProcedureCompleted'];

/** The domain event types a path recorded after the lab it started from. */
const producedBy = (lab: Lab, start: Lab): string[] =>
  lab.events
    .slice(start.events.length)
    .map((e) => e.type)
    .filter((type) => !workflowEvents.includes(type));

/** Secrets a branch of the walk starts from: a copy of those its beginning sealed, kept up as more are sealed. */
export const branchSecrets = (initial: Readonly<Record<string, string>>) => {
  const known: Record<string, string> = { ...initial };
  const store = memorySecretStore(initial);
  const secrets: SecretStore = {
    ...store,
    seal: async (value) => {
      const ref = await store.seal(value);
      known[ref.secret] = value;
      return ref;
    },
    put: async (ref, value) => {
      await store.put(ref, value);
      known[ref.secret] = value;
    },
  };
  return { known, secrets };
};

/** One procedure's walk over the tree of its paths: a step shared by several paths is taken once. */
export interface Walk {
  readonly procedure: ProcedureDefinition;
  readonly start: Lab;
  readonly events: EventStore;
  readonly tally: { deviating: number; benign: number };
  readonly produced: Set<string>;
  /** The ports a branch takes its step with: the walk's store and keys, the branch's secrets. */
  readonly portsFor: (secrets: SecretStore) => LabPorts;
}
/** Where a walk stands: the lab, its secrets, whether a choice left the seed's, the world checks go on from. */
export interface At {
  readonly lab: Lab;
  readonly secrets: Readonly<Record<string, string>>;
  readonly deviated: boolean;
  readonly before: World;
  readonly trail: readonly string[];
}

/** Each new event checked against the world just before it (the issuance invariant); the world after them. */
export const checkIssuances = (walk: Walk, before: World, events: readonly RecordedEvent[], trail: readonly string[]): World => {
  let world = before;
  for (const event of events) {
    const problem = issuanceAllowed(world, event);
    assert.is(problem, undefined, `${walk.procedure.id} path ${trail.join(',')}: ${problem}`);
    world = fold([event], world);
  }
  return world;
};

/** The checks of a path's end, made once for the `count` paths that end at the same lab. */
export const pathsEnd = (walk: Walk, at: At, count: number) => {
  for (const type of producedBy(at.lab, walk.start)) walk.produced.add(type);
  if (!at.deviated) {
    assert.equal(at.lab.world.rejections, [], 'the seed path is rejected nowhere');
    return;
  }
  walk.tally.deviating += count;
  const flagged = at.lab.world.rejections.length > 0 || evaluateFindings(at.lab.world).some((f) => f.severity !== 'info');
  if (flagged) return;
  walk.tally.benign += count;
  assert.ok(
    at.lab.world.procedures[walk.procedure.id]?.completed,
    `${walk.procedure.id}: a deviating path neither completed nor left a rejection or finding`,
  );
};

/** Takes a branch's step from `at`; a rejected step ends every path through it, as a walk stops there. */
const takeBranch = async (walk: Walk, at: At, branch: Branch<ProcedureEvent>): Promise<void> => {
  const event = branch.event!;
  const { known, secrets } = branchSecrets(at.secrets);
  const ports = walk.portsFor(secrets);
  const step = walk.procedure.steps.find((s) => s.id === event.step)!;
  const seedChoice = JSON.stringify(step.seedChoice({ choices: choicesSoFar(at.lab, walk.procedure.id) }));
  const deviated = at.deviated || event.type === 'SKIP' || JSON.stringify(event.choice) !== seedChoice;
  const result = await takeStep(ports, at.lab, walk.procedure.id, event.step, event.type === 'SKIP' ? null : event.choice);
  const trail = [...at.trail, event.type];
  const before = checkIssuances(walk, at.before, result.lab.events.slice(at.lab.events.length), trail);
  const next: At = { lab: result.lab, secrets: known, deviated, before, trail };
  if (!result.outcome.ok) return pathsEnd(walk, next, branch.paths);
  if (branch.ends > 0) pathsEnd(walk, next, branch.ends);
  await walkFrom(walk, next, branch);
};

/** Every branch below `branch`, each from the same lab: the store goes back to it after each (truncate). */
export const walkFrom = async (walk: Walk, at: At, branch: Branch<ProcedureEvent>): Promise<void> => {
  for (const child of branch.children.values()) {
    await takeBranch(walk, at, child);
    await walk.events.truncate('lab', at.lab.events.length, await walk.events.version('lab'));
  }
};

/** The choices already recorded for the procedure in this lab (for comparing with the seed's). */
function choicesSoFar(lab: Lab, procedure: string): Readonly<Record<string, unknown>> {
  return procedureSnapshot(findProcedure(procedure)!, lab.world)?.context.choices ?? {};
}
