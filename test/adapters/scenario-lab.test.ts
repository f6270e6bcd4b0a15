import { SimTime } from '../../domain/index.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { parseScenario } from '../../adapters/scenario/load.ts';
import { generatedComputers } from '../../adapters/scenario/lab-schema.ts';
import { scenarioProblem } from '../support/scenario-problem.ts';
import { actions } from '../../workflows/index.ts';
import { networkOf } from '../../domain/lab/network.ts';

const lab = suite('adapters/scenario lab definition and actions');

const problem = scenarioProblem;

lab("reads computers, users, groups and the domain into the CA setup's network", () => {
  const scenario = parseScenario(
    's.yaml',
    [
      'scenario: x',
      'lab:',
      '  domain: fabrikam.com',
      '  computers:',
      '    - { name: KIOSK7, dnsHostName: "", groups: [Kiosks], roles: [configmgr client] }',
      '  users:',
      '    - { name: JohnD, mail: j@fabrikam.com }',
      '  groups:',
      '    - { name: Kiosks, members: [JohnD] }',
      'procedures: [windows-client-certificate]',
      '',
    ].join('\n'),
  );
  assert.equal(scenario.lab.ca.network, {
    domain: { dnsName: 'fabrikam.com' },
    computers: [{ name: 'KIOSK7', dnsHostName: '', groups: ['Kiosks'], roles: ['configmgr client'] }],
    users: [{ name: 'JohnD', mail: 'j@fabrikam.com' }],
    groups: [{ name: 'Kiosks', members: ['JohnD'] }],
  });
});

lab('generated: asks for N computers named prefix + a padded number, each with the shared OS, OU, groups and roles', () => {
  const scenario = parseScenario(
    's.yaml',
    [
      'scenario: x',
      'lab:',
      '  groups: [{ name: Kiosks }]',
      '  computers: [{ name: KIOSK7 }]',
      '  generated: { computers: 3, prefix: WS, os: Windows 10, groups: [Kiosks] }',
      'procedures: [windows-client-certificate]',
      '',
    ].join('\n'),
  );
  const computers = scenario.lab.ca.network!.computers!;
  assert.equal(
    computers.map((c) => c.name),
    ['KIOSK7', 'WS0001', 'WS0002', 'WS0003'],
  );
  assert.equal(computers[3], { name: 'WS0003', os: 'Windows 10', groups: ['Kiosks'] });
  const network = networkOf(scenario.lab.ca.network, 'Windows Server 2008', SimTime('2026-11-02T09:00:00.000Z'));
  const host = network.hosts.find((h) => h.host.name === 'WS0002')!.host;
  assert.equal([host.fqdn, host.os], ['ws0002.contoso.com', 'Windows 10']);
  assert.equal(network.tokens.find((t) => t.computer === 'WS0002')!.groups, [
    'Authenticated Users',
    'Domain Computers',
    'Everyone',
    'Kiosks',
  ]);
});

lab('generated: any count and prefix gives that many distinct names, each a valid account name of the lab', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2000 }), fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,7}$/), (count, prefix) => {
      const names = generatedComputers({ computers: count, prefix }).map((c) => c.name);
      assert.is(names.length, count);
      assert.is(new Set(names.map((n) => n.toLowerCase())).size, count);
      for (const name of names) assert.match(name, /^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/);
    }),
    { numRuns: 60 },
  );
});

lab('generated: refuses a group the lab does not define, and a count below one', () => {
  const unknown = problem('scenario: x\nlab:\n  generated: { computers: 5, groups: [Kiosk] }\nprocedures: [iis-web-server-certificate]\n');
  assert.match(unknown.problem, /^lab\.generated\.groups\[0\]: expected a group of the lab \(Domain Admins, .*\), found "Kiosk"/);
  assert.match(
    problem('scenario: x\nlab:\n  generated: { computers: 0 }\nprocedures: [iis-web-server-certificate]\n').problem,
    /lab\.generated\.computers/,
  );
});

lab("a scenario that says nothing of the network keeps the seed's (no network in the setup)", () => {
  assert.is(parseScenario('s.yaml', 'scenario: x\nprocedures: [iis-web-server-certificate]\n').lab.ca.network, undefined);
});

lab('refuses an unknown key of a computer, naming the fields and the one meant', () => {
  const error = problem('scenario: x\nlab:\n  computers:\n    - { name: K, dnsHostname: "" }\nprocedures: [iis-web-server-certificate]\n');
  assert.is(error.line, 4);
  assert.match(
    error.problem,
    /^unknown field "dnsHostname" in lab\.computers\[0\]: expected one of the fields name, dnsHostName, os, ou, groups, roles; did you mean "dnsHostName"\?$/,
  );
});

lab('refuses a group that neither the seed nor the lab defines, at its line', () => {
  const error = problem(
    'scenario: x\nlab:\n  users:\n    - name: JohnD\n      groups: [Domain Userz]\nprocedures: [iis-web-server-certificate]\n',
  );
  assert.is(error.line, 5);
  assert.match(
    error.problem,
    /^lab\.users\[0\]\.groups\[0\]: expected a group of the lab \(Domain Admins, .*\), found "Domain Userz"; did you mean "Domain Users"\?$/,
  );
});

lab('refuses a DNS host name that is not one, and a role the lab does not know', () => {
  assert.match(
    problem('scenario: x\nlab:\n  computers:\n    - { name: K, dnsHostName: "no spaces.com" }\nprocedures: [iis-web-server-certificate]\n')
      .problem,
    /^lab\.computers\[0\]\.dnsHostName: expected a DNS name/,
  );
  assert.match(
    problem('scenario: x\nlab:\n  computers:\n    - { name: K, roles: [web server] }\nprocedures: [iis-web-server-certificate]\n').problem,
    /lab\.computers\[0\]\.roles\[0\]/,
  );
});

lab('an action list may stand between procedures and after them, and a rejection expectation may name an action', () => {
  const scenario = parseScenario(
    's.yaml',
    [
      'scenario: x',
      'procedures:',
      '  - windows-client-certificate',
      '  - actions:',
      '      - { action: advance-time, hours: 8 }',
      '  - iis-web-server-certificate',
      'actions:',
      '  - { action: approve-request, requestId: 2 }',
      'expect:',
      '  rejections:',
      '    - { procedure: admin, step: approve-request, code: 0x80070002 }',
      '',
    ].join('\n'),
  );
  assert.equal(
    scenario.procedures.map((p) => ('actions' in p ? p.actions.map((a) => a.action) : p.procedure)),
    ['windows-client-certificate', ['advance-time'], 'iis-web-server-certificate', ['approve-request']],
  );
  assert.equal(scenario.expect.rejections, [{ procedure: 'admin', step: 'approve-request', code: '0x80070002' }]);
});

lab('names an unknown action with the one meant, and a wrong field of an action at its line', () => {
  assert.match(
    problem('scenario: x\nactions:\n  - { action: aprove-request, requestId: 1 }\n').problem,
    /^unknown action "aprove-request" in actions\[0\].*did you mean "approve-request"\?$/,
  );
  const error = problem('scenario: x\nactions:\n  - action: advance-time\n    days: 1\n    hours: 2\n');
  assert.is(error.line, 3);
  assert.match(error.problem, /^actions\[0\]: expected exactly one of minutes, hours, days or until, found "hours and days"$/);
});

lab("every action's example is a valid choice, and ids are unique", () => {
  assert.is(new Set(actions.map((a) => a.id)).size, actions.length);
  for (const action of actions) action.parse(action.example, action.id);
});

lab('any lab computer list made of valid names and host names loads (property)', () => {
  const name = fc.stringMatching(/^[A-Z][A-Z0-9]{0,9}$/);
  const host = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z][a-z0-9]{0,8}\.[a-z]{2,6}\.com$/));
  fc.assert(
    fc.property(fc.uniqueArray(fc.record({ name, dnsHostName: host }), { selector: (c) => c.name, maxLength: 5 }), (computers) => {
      const yaml = `scenario: x\nlab:\n  computers:\n${computers.map((c) => `    - { name: ${c.name}, dnsHostName: "${c.dnsHostName}" }`).join('\n') || '    []'}\nprocedures: [iis-web-server-certificate]\n`;
      const scenario = parseScenario('s.yaml', computers.length === 0 ? 'scenario: x\nprocedures: [iis-web-server-certificate]\n' : yaml);
      assert.is(scenario.lab.ca.network?.computers?.length ?? 0, computers.length);
    }),
    { numRuns: 50 },
  );
});

lab.run();
