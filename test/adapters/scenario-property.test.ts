import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tortureScenarios } from '../support/scenario-torture.ts';

const property = suite('adapters/scenario property: any file parses or is refused with file:line:column');

/** 300 runs by default; PKILAB_TORTURE_SCENARIOS=N runs N. */
const runs = Number(process.env.PKILAB_TORTURE_SCENARIOS ?? 300);

property(`${runs} generated scenario files, valid and broken, parse or are refused with a position, never anything else`, () => {
  const report = tortureScenarios(runs);
  assert.ok(report.parsed > 0 && report.refused > 0, JSON.stringify(report));
  if (process.env.PKILAB_TORTURE_SCENARIOS) console.log(`  ${JSON.stringify(report)}`);
});

property.run();
