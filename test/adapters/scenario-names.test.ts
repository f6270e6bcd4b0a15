import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../../adapters/scenario/load.ts';
import { scenarioProblem as problem } from '../support/scenario-problem.ts';

const names = suite("adapters/scenario names: rejection codes in the catalogue's spelling, and the name meant for a misspelt one");

const iis = 'scenario: x\nprocedures: [iis-web-server-certificate]\n';
const rejections = (code: string) => `${iis}expect:\n  rejections:\n    - { step: request-certificate, code: ${code} }\n`;
const code = (written: string) => parseScenario('s.yaml', rejections(written)).expect.rejections[0]!.code;

names("normalises rejection codes to the catalogue's spelling", () => {
  assert.is(code('80094012'), '0x80094012');
  assert.is(code('0X80094012'), '0x80094012');
  assert.is(code('0x80094012'), '0x80094012');
  assert.is(code("'0x80094012'"), '0x80094012');
  assert.is(code('0x8009480f'), '0x8009480F');
  assert.is(code('key-not-exportable'), 'key-not-exportable');
  assert.is(code('CERTSRV_E_TEMPLATE_DENIED'), '0x80094012');
});

names('refuses a rejection code AD CS and pkilab do not have', () => {
  assert.match(
    problem(`${iis}expect:\n  rejections:\n    - { step: request-certificate, code: '0x80094099' }\n`).problem,
    /^unknown code "0x80094099" in expect\.rejections\[0\]: expected an AD CS error code/,
  );
  const named = problem(`${iis}expect:\n  rejections:\n    - { step: request-certificate, code: key-not-exportabel }\n`);
  assert.match(named.problem, /^unknown code "key-not-exportabel" .*; did you mean "key-not-exportable"\?$/);
});

names('refuses a rejected step that is not a step of the procedure named', () => {
  const error = problem(
    `${iis}expect:\n  rejections:\n    - { procedure: iis-web-server-certificate, step: export, code: not-in-store }\n`,
  );
  assert.match(
    error.problem,
    /^unknown step "export" in expect\.rejections\[0\]: expected a step of iis-web-server-certificate \(create-group, /,
  );
});

names('suggests the name meant for a misspelt field, step, procedure or value', () => {
  const steps = (override: string) =>
    `scenario: x\nprocedures:\n  - procedure: iis-web-server-certificate\n    steps:\n      ${override}\n`;
  assert.match(problem('scenario: x\nprocedure: [iis-web-server-certificate]\n').problem, /did you mean "procedures"\?$/);
  assert.match(problem('scenario: x\nprocedures: [iis-web-server-certificat]\n').problem, /did you mean "iis-web-server-certificate"\?$/);
  assert.match(
    problem(steps('restat: skip')).problem,
    /^unknown step "restat" in procedures\[0\]\.steps: expected a step of iis-web-server-certificate .*did you mean "restart"\?$/,
  );
  assert.match(
    problem(steps('restart: skp')).problem,
    /^procedures\[0\]\.steps\.restart: expected "skip", found "skp"; did you mean "skip"\?$/,
  );
  assert.match(
    problem(steps('subject-name: { subjectName: { source: build-from-ad, format: comon-name } }')).problem,
    /did you mean "common-name"\?$/,
  );
  assert.match(
    problem(steps('restart: { computr: SERVER1 }')).problem,
    /^unknown field "computr" in procedures\[0\]\.steps\.restart: .*did you mean "computer"\?$/,
  );
});

names('never suggests a far-off name', () => {
  assert.not.match(problem('scenario: x\nzzz: 1\nprocedures: [iis-web-server-certificate]\n').problem, /did you mean/);
});

names.run();
