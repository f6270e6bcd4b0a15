import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../../adapters/scenario/load.ts';
import { scenarioProblem as problem } from '../support/scenario-problem.ts';

const refusals = suite('adapters/scenario refusals');

const iis = 'scenario: x\nprocedures: [iis-web-server-certificate]\n';
const certificate = (fields: string) =>
  `${iis}expect:\n  certificates:\n    - { host: SERVER1, template: ConfigMgr Web Server Certificate, ${fields} }\n`;

refusals('refuses present: "false" (a string is not a boolean)', () => {
  const error = problem(certificate('present: "false"'));
  assert.is(error.line, 5);
  assert.match(error.problem, /^expect\.certificates\[0\]\.present: expected true or false, found "false"$/);
});

refusals('refuses a misspelt field under lab, naming the fields it has and the one meant', () => {
  const error = problem('scenario: x\nlab:\n  startAt: 2026-11-02T09:00:00Z\nprocedures: [iis-web-server-certificate]\n');
  assert.is(
    error.message,
    's.yaml:3:3: unknown field "startAt" in lab: expected one of the fields startsAt, ca, domain, computers, users, groups, site, generated; did you mean "startsAt"?',
  );
});

refusals('refuses a misspelt field under lab.ca', () => {
  const error = problem('scenario: x\nlab:\n  ca: { editon: standard }\nprocedures: [iis-web-server-certificate]\n');
  assert.match(
    error.message,
    /^s\.yaml:3:9: unknown field "editon" in lab\.ca: expected one of the fields edition, os, settings, provider, hashAlgorithm, sidUpdate\b.*; did you mean "edition"\?$/,
  );
});

refusals('refuses SHA-256 on a CA whose key is in a CSP, as the setup wizard would not offer it', () => {
  const error = problem('scenario: x\nlab:\n  ca: { provider: CSP, hashAlgorithm: SHA256 }\nprocedures: [iis-web-server-certificate]\n');
  assert.is(error.line, 3);
  assert.match(
    error.problem,
    /^lab\.ca\.hashAlgorithm: expected SHA1, the strongest hash the setup wizard lists for a key in a CSP.*\(SHA-256 needs a KSP\), found "SHA256"$/,
  );
  const implied = problem(
    'scenario: x\nlab:\n  ca: { os: windows-server-2008-r2, hashAlgorithm: SHA256 }\nprocedures: [iis-web-server-certificate]\n',
  );
  assert.match(implied.problem, /^lab\.ca\.hashAlgorithm: expected SHA1/, 'left out, the provider of 2008 R2 is a CSP');
  assert.not.throws(() =>
    parseScenario(
      's.yaml',
      'scenario: x\nlab:\n  ca: { provider: KSP, hashAlgorithm: SHA256 }\nprocedures: [iis-web-server-certificate]\n',
    ),
  );
});

refusals('refuses a misspelt CA setting', () => {
  const error = problem('scenario: x\nlab:\n  ca: { settings: { webEnrolment: http } }\nprocedures: [iis-web-server-certificate]\n');
  assert.match(
    error.problem,
    /^unknown field "webEnrolment" in lab\.ca\.settings: expected one of the fields attributeSubjectAltName2, .*; did you mean "webEnrollment"\?$/,
  );
});

refusals('refuses a misspelt field under expect', () => {
  const error = problem(`${iis}expect:\n  finding:\n    - { rule: ESC1 }\n`);
  assert.is(error.line, 4);
  assert.is(error.column, 3);
  assert.match(
    error.problem,
    /^unknown field "finding" in expect: expected one of the fields certificates, bindings, rejections, findings, completed, crls, autoenrollment, requests, stores; did you mean "findings"\?$/,
  );
});

refusals('refuses a misspelt field inside an expectation entry', () => {
  const error = problem(certificate('dnsName: [server1.contoso.com]'));
  assert.match(
    error.problem,
    /^unknown field "dnsName" in expect\.certificates\[0\]: expected one of the fields host, template, store, .*; did you mean "dnsNames"\?$/,
  );
  const finding = problem(`${iis}expect:\n  findings:\n    - { rule: ESC1, subjet: template:X }\n`);
  assert.match(finding.problem, /^unknown field "subjet" in expect\.findings\[0\]: .*did you mean "subject"\?$/);
});

refusals('refuses dnsNames that is not a list, and list items of the wrong type', () => {
  assert.match(
    problem(certificate('dnsNames: 5')).problem,
    /^expect\.certificates\[0\]\.dnsNames: expected a list of non-empty strings, found 5$/,
  );
  assert.match(
    problem(certificate('dnsNames: [a.contoso.com, 7]')).problem,
    /^expect\.certificates\[0\]\.dnsNames\[1\]: expected a non-empty string, found 7$/,
  );
});

refusals('refuses a null expectation entry instead of crashing', () => {
  const error = problem(`${iis}expect:\n  certificates: [null]\n`);
  assert.is(error.line, 4);
  assert.match(error.problem, /^expect\.certificates\[0\]: expected a mapping, found null$/);
});

refusals('refuses an alias bomb with a position, not a ReferenceError', () => {
  const nine = (item: string) => `[${Array(9).fill(item).join(', ')}]`;
  const error = problem(`a: &a ${nine('x')}\nb: &b ${nine('*a')}\nc: &c ${nine('*b')}\nd: ${nine('*c')}\n`);
  assert.is(error.line, 2);
  assert.match(error.problem, /alias bomb/);
});

refusals('refuses a finding rule the findings never report, suggesting the close one', () => {
  const error = problem(`${iis}expect:\n  findings:\n    - { rule: OP-PENDING-RESTARTS }\n`);
  assert.is(error.line, 5);
  assert.match(
    error.problem,
    /^unknown rule "OP-PENDING-RESTARTS" in expect\.findings\[0\]: expected a rule the findings report .*; did you mean "OP-PENDING-RESTART"\?$/,
  );
  assert.match(problem(`${iis}expect:\n  findings:\n    - { rule: ESC5 }\n`).problem, /^unknown rule "ESC5"/);
});

refusals('refuses a finding subject that is no entity form, such as a template display name with spaces', () => {
  const error = problem(`${iis}expect:\n  findings:\n    - { rule: ESC1, subject: 'template:ConfigMgr Web Server Certificate' }\n`);
  assert.match(error.problem, /^expect\.findings\[0\]\.subject: expected an entity such as template:ConfigMgrWebServerCertificate/);
});

refusals('refuses a step override that is the wrong kind of value', () => {
  const override = (value: string) =>
    problem(`scenario: x\nprocedures:\n  - procedure: iis-web-server-certificate\n    steps:\n      request-certificate: ${value}\n`);
  assert.match(
    override('{ dnsNames: 5 }').problem,
    /^procedures\[0\]\.steps\.request-certificate\.dnsNames: expected a list of non-empty strings, found 5$/,
  );
  assert.match(override('skip').problem, /this step cannot be skipped/);
  assert.match(override('[a]').problem, /^procedures\[0\]\.steps\.request-certificate: expected a mapping of request-certificate's fields/);
});

refusals('refuses an export password shorter than 8 characters without echoing it', () => {
  const error = problem(
    'scenario: x\nprocedures:\n  - procedure: cloud-dp-service-certificate\n    steps:\n      export: { password: s3cret }\n',
  );
  assert.is(error.line, 5);
  assert.match(
    error.problem,
    /^procedures\[0\]\.steps\.export\.password: expected a strong password of at least 8 characters, as the export wizard asks, found a password of 6 chara/,
  );
  assert.not.match(error.message, /s3cret/);
});

refusals('a scenario file that is empty, a scalar or not YAML is refused with a position', () => {
  const broken = ['', 'hello', '- a\n- b\n', 'scenario: x\nprocedures: [\n', 'a: 1\na: 2\n', '\u0000'];
  for (const text of broken) assert.match(problem(text).message, /^s\.yaml:\d+:\d+: /);
});

refusals.run();
