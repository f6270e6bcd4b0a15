import { readdirSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../adapters/scenario/load.ts';
import { evaluateFindings } from '../domain/index.ts';
import { adminProcedure, createLab, runScenario, type Scenario, type ScenarioProcedure } from '../workflows/index.ts';
import { pooledKeyStore, pooledPorts } from './support/ports.ts';
import { startsAt } from './support/world.ts';
import { drawCaIdentity } from '../adapters/ca-identity.ts';

const library = suite('misconfiguration library');
/** Real keys, three of them shared by every lab of the suite: what the suite checks is not about keys. */
const keys = await pooledKeyStore();
const scenarios = await Promise.all(
  readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => loadScenario(`scenarios/${f}`)),
);
/** A misconfiguration shows in a procedure's rejected step or in a finding; a refused administrative action shows the CA at work. */
const misconfigured = scenarios.filter(
  (s) => s.expect.rejections.some((r) => r.procedure !== adminProcedure) || s.expect.findings.length > 0,
);

/** A scenario's procedures, without its administrative actions (those are what a misconfiguration scenario does wrong). */
const proceduresOf = (s: Scenario): ScenarioProcedure[] => s.procedures.flatMap((p) => ('procedure' in p ? [p] : []));

/** The same procedures on the default CA with the seed's choices: the scenario without its misconfiguration. */
const corrected = (s: Scenario): Scenario => ({
  ...s,
  lab: { startsAt, ca: { edition: 'enterprise', os: s.lab.ca.os } },
  procedures: proceduresOf(s).map((p) => ({ procedure: p.procedure, steps: s.lab.ca.os === 'windows-server-2012' ? p.steps : {} })),
  expect: { certificates: [], bindings: [], rejections: [], findings: [], completed: proceduresOf(s).map((p) => p.procedure) },
});

library('holds at least fifteen misconfiguration scenarios, each stating its symptom or its finding', () => {
  assert.ok(misconfigured.length >= 15, `${misconfigured.length} scenarios`);
  for (const s of misconfigured) assert.ok(s.expect.findings.length > 0, `${s.name} names no finding`);
});

for (const s of misconfigured) {
  library(
    `${s.name}: without the misconfiguration, the same procedures end with no rejection and no finding above informational`,
    async () => {
      const ports = await pooledPorts(keys);
      const lab = await createLab(ports, 'lab', { startsAt, ca: corrected(s).lab.ca, identity: drawCaIdentity() });
      const run = await runScenario(ports, lab, corrected(s));
      assert.equal(
        run.lab.world.rejections.map((r) => `${r.step} ${r.rejection.code}`),
        [],
      );
      assert.equal(
        evaluateFindings(run.lab.world)
          .filter((f) => f.severity !== 'info')
          .map((f) => f.id),
        [],
      );
      assert.ok(run.ok, JSON.stringify(run.expectations.filter((e) => !e.ok)));
    },
  );
}

library.run();
