import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../../adapters/scenario/load.ts';
import { scenarioProblem } from '../support/scenario-problem.ts';

const load = suite('adapters/scenario load');

const problem = scenarioProblem;

load('a minimal scenario takes the seed path with an enterprise 2008 CA', () => {
  const scenario = parseScenario('s.yaml', 'scenario: x\nprocedures:\n  - procedure: iis-web-server-certificate\n');
  assert.equal(scenario.lab.ca, { edition: 'enterprise', os: 'windows-server-2008' });
  assert.equal(scenario.procedures, [{ procedure: 'iis-web-server-certificate', steps: {} }]);
  assert.is(scenario.lab.startsAt, undefined);
});

load('names line and column of an unknown procedure', () => {
  const error = problem('scenario: x\nprocedures:\n  - procedure: iis-web-server\n');
  assert.is(error.line, 3);
  assert.is(error.column, 16);
  assert.match(
    error.problem,
    /^unknown procedure "iis-web-server" in procedures\[0\]: expected a procedure of the catalogue \(iis-web-server-certificate, /,
  );
});

load('names the field of a step choice that is not one the dialog offers', () => {
  const error = problem(
    [
      'scenario: x',
      'procedures:',
      '  - procedure: iis-web-server-certificate',
      '    steps:',
      '      duplicate-template:',
      '        version: windows-server-2012',
    ].join('\n'),
  );
  assert.is(error.line, 6);
  assert.is(error.column, 18);
  assert.match(
    error.problem,
    /steps\.duplicate-template\.version: expected one of windows-server-2003-enterprise, windows-server-2008-enterprise, found "windows-server-2012"/,
  );
});

load('refuses to skip a step that cannot be skipped', () => {
  const error = problem('scenario: x\nprocedures:\n  - procedure: iis-web-server-certificate\n    steps:\n      security: skip\n');
  assert.is(error.line, 5);
  assert.match(error.problem, /this step cannot be skipped/);
});

load('refuses a step the procedure does not have, listing the ones it has', () => {
  const error = problem('scenario: x\nprocedures:\n  - procedure: iis-web-server-certificate\n    steps:\n      reboot: skip\n');
  assert.match(error.problem, /a step of iis-web-server-certificate \(create-group, duplicate-template/);
});

load('refuses a misspelt field inside a choice rather than ignoring it', () => {
  const error = problem(
    'scenario: x\nprocedures:\n  - procedure: iis-web-server-certificate\n    steps:\n      request-certificate: { dnsName: [a.contoso.com] }\n',
  );
  assert.match(
    error.problem,
    /unknown field "dnsName" in procedures\[0\]\.steps\.request-certificate: expected one of the fields computer, commonName, dnsNames/,
  );
});

load('reports YAML syntax errors with their position', () => {
  const error = problem('scenario: x\nprocedures: [\n');
  assert.ok(error.line >= 2, error.message);
  assert.match(error.problem, /not valid YAML/);
});

load('refuses an unknown top-level field and a start time that is not UTC ISO', () => {
  assert.match(
    problem('scenario: x\nprocedure: []\n').problem,
    /^unknown field "procedure": expected one of the fields scenario, title, description, lab, procedures, actions, expect; did you mean "procedures"\?$/,
  );
  const time = problem('scenario: x\nlab:\n  startsAt: tomorrow\nprocedures: [iis-web-server-certificate]\n');
  assert.is(time.line, 3);
  assert.match(time.problem, /expected an ISO time in UTC/);
});

load('refuses a CA edition the lab does not model', () => {
  assert.match(
    problem('scenario: x\nlab: { ca: { edition: datacenter } }\nprocedures: [iis-web-server-certificate]\n').problem,
    /expected one of enterprise, standard, found "datacenter"/,
  );
});

load.run();
