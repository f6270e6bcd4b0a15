import { getSimplePaths } from 'xstate/graph';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { World } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import {
  createLab,
  currentStepOf,
  findProcedure,
  machineOf,
  procedures,
  resolveChoices,
  startProcedure,
  takeStep,
  type Lab,
  type LabPorts,
  type ProcedureDefinition,
  type ProcedureEvent,
  type ProcedureSnapshot,
  type SecretStore,
} from '../../workflows/index.ts';
import { pooledKeyStore } from '../support/ports.ts';
import { memoryEventStore } from '../../adapters/eventstore/memory.ts';
import { x509Signer } from '../../adapters/x509/signer.ts';
import { opensslPfxFiles } from '../../adapters/pfx/openssl.ts';
import { memorySecretStore } from '../../adapters/secrets/memory.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startsAt } from '../support/world.ts';
import { simplePathsToDone } from '../support/paths.ts';
import { pathTree } from '../support/path-trie.ts';
import { type At, branchSecrets, checkIssuances, issuanceAllowed, pathsEnd, type Walk, walkFrom } from '../support/exploration-walk.ts';
import { drawCaIdentity } from '../../adapters/ca-identity.ts';

const exploration = suite('exhaustive exploration of every procedure machine (xstate/graph)');
const keys = await pooledKeyStore();
const signer = x509Signer(keys);
const exports = mkdtempSync(join(tmpdir(), 'pkilab-explore-'));
const freshPorts = (): LabPorts => {
  const secrets = memorySecretStore();
  return { events: memoryEventStore(), keys, secrets, signer, pfx: opensslPfxFiles(exports, keys, secrets) };
};

/** Procedures whose seed path a procedure relies on (groups and templates made earlier in the seed). */
const prerequisites: Record<string, string[]> = {
  'dp-client-certificate': ['iis-web-server-certificate'],
  'amt-8021x-client-certificate': ['amt-web-server-certificate'],
};

/** Every input a person can give at a step: the seed's choice, the wrong ones the dialog offers, and skipping. */
const inputs =
  (procedure: ProcedureDefinition) =>
  (snapshot: ProcedureSnapshot): ProcedureEvent[] => {
    const step = procedure.steps.find((s) => s.id === currentStepOf(snapshot));
    if (!step) return [];
    const context = snapshot.context;
    return [
      { type: 'ACT', step: step.id, choice: step.seedChoice(context) },
      ...(step.variants?.(context) ?? []).map((v): ProcedureEvent => ({ type: 'ACT', step: step.id, choice: v.choice })),
      ...(step.skippable ? [{ type: 'SKIP', step: step.id } as ProcedureEvent] : []),
    ];
  };

const pathOptions = (procedure: ProcedureDefinition) => ({
  events: inputs(procedure),
  serializeState: (s: ProcedureSnapshot) => JSON.stringify([s.value, s.context.choices]),
});
const pathsOf = (procedure: ProcedureDefinition) => simplePathsToDone(machineOf(procedure), pathOptions(procedure));

const seedPath = async (ports: LabPorts, lab: Lab, procedure: ProcedureDefinition): Promise<Lab> => {
  let current = await startProcedure(ports, lab, procedure.id);
  for (const { step, choice } of resolveChoices(procedure, {})) current = (await takeStep(ports, current, procedure.id, step, choice)).lab;
  return current;
};

const counts: Record<string, { paths: number; deviating: number; benign: number }> = {};

const takenOn = (path: ReturnType<typeof pathsOf>[number]) =>
  path.steps.map((s) => s.event).filter((e): e is ProcedureEvent => e.type === 'ACT' || e.type === 'SKIP');

for (const procedure of procedures) {
  exploration(`${procedure.id}: every path keeps the invariants`, async () => {
    const paths = pathsOf(procedure);
    const tally = (counts[procedure.id] = { paths: paths.length, deviating: 0, benign: 0 });
    assert.ok(paths.length >= 2, `${procedure.id}: ${paths.length} paths`);
    const base = freshPorts();
    let start = await createLab(base, 'base', {
      startsAt,
      ca: { edition: 'enterprise', os: 'windows-server-2008' },
      identity: drawCaIdentity(),
    });
    for (const id of prerequisites[procedure.id] ?? []) start = await seedPath(base, start, findProcedure(id)!);
    const events = memoryEventStore();
    await events.append(
      'lab',
      start.events.map(({ position: _p, ...e }) => e),
      0,
    );
    const { known, secrets } = branchSecrets({});
    const portsFor = (secrets: SecretStore): LabPorts => ({ events, keys, secrets, signer, pfx: opensslPfxFiles(exports, keys, secrets) });
    const ports = portsFor(secrets);
    const lab = await startProcedure(ports, { id: 'lab', events: start.events, world: start.world }, procedure.id);
    const walk: Walk = { procedure, start, events, tally, produced: new Set(), portsFor };
    const before = checkIssuances(walk, fold(start.events), lab.events.slice(start.events.length), []);
    const tree = pathTree(paths.map(takenOn));
    const at: At = { lab, secrets: known, deviated: false, before, trail: [] };
    if (tree.ends > 0) pathsEnd(walk, at, tree.ends);
    await walkFrom(walk, at, tree);
    assert.equal(
      [...procedure.events].sort(),
      [...walk.produced].sort(),
      `${procedure.id}: the events its file lists are those its paths produce`,
    );
  });
}

exploration('the issuance invariant is not vacuous: it flags a certificate the token did not allow', async () => {
  const ports = freshPorts();
  const lab = await seedPath(
    ports,
    await createLab(ports, 'x', { startsAt, ca: { edition: 'enterprise', os: 'windows-server-2008' }, identity: drawCaIdentity() }),
    findProcedure('iis-web-server-certificate')!,
  );
  const issued = lab.events.find((e) => e.type === 'CertificateIssued')!;
  const index = lab.events.indexOf(issued);
  const before = fold(lab.events.slice(0, index));
  assert.is(issuanceAllowed(before, issued), undefined);
  const stale: World = {
    ...before,
    directory: {
      ...before.directory,
      tokens: { ...before.directory.tokens, SERVER1: { groups: ['Domain Computers'], issuedAt: startsAt } },
    },
  };
  assert.match(issuanceAllowed(stale, issued) ?? '', /SERVER1 lacked Read\/Enroll/);
});

exploration('the one-walk path finder finds exactly the done paths of xstate/graph getSimplePaths', () => {
  const procedure = findProcedure('iis-web-server-certificate')!;
  const key = (p: { state: ProcedureSnapshot; steps: readonly { event: { type: string } }[] }) =>
    JSON.stringify(p.steps.map((s) => s.event).filter((e) => e.type !== 'xstate.init'));
  const reference = getSimplePaths(machineOf(procedure), pathOptions(procedure))
    .filter((p) => p.state.status === 'done')
    .map(key)
    .sort();
  assert.ok(reference.length >= 2);
  assert.equal(pathsOf(procedure).map(key).sort(), reference);
});

exploration('reports the number of paths explored per procedure', () => {
  const lines = Object.entries(counts).map(
    ([id, c]) => `${id}: ${c.paths} paths (${c.deviating} deviate from the seed; ${c.benign} of those end well without a finding)`,
  );
  console.log(`\n  Paths explored:\n    ${lines.join('\n    ')}`);
  assert.is(Object.keys(counts).length, procedures.length);
});

exploration.run();
