import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { oid, type Template } from '../../domain/index.ts';
import { ace, base, rules, worldWith } from '../support/probe-template.ts';
import { givenNetwork } from '../support/world.ts';

const security = suite('domain/findings AD CS security on templates (research §6, case by case)');

const cases: Array<[name: string, template: Partial<Template>, options: Parameters<typeof worldWith>[1], expected: string[]]> = [
  [
    'ESC1: supply in request, client authentication, Domain Users enroll',
    { acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])] },
    {},
    ['ESC1/critical'],
  ],
  [
    'ESC1 for a narrow custom group is high, not critical',
    { acl: [...base.acl, ace('Domain Controllers', ['Read']), ace('Helpdesk', ['Read', 'Enroll'])] },
    {},
    ['ESC1/high'],
  ],
  [
    'no ESC1 when no CA issues the template (Certipy checks enabled templates only)',
    { acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])] },
    { issued: false },
    [],
  ],
  [
    'no ESC1 when CA certificate manager approval is required',
    { managerApproval: true, acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])] },
    {},
    [],
  ],
  [
    'no ESC1 when Enroll is denied though Autoenroll is allowed (Certipy #122)',
    { acl: [...base.acl, ace('Domain Users', ['Read', 'Autoenroll'], ['Enroll'])] },
    {},
    [],
  ],
  [
    'no ESC1 from Write without the Enroll right (Locksmith #261), but ESC4 for the Write',
    { acl: [...base.acl, ace('Domain Users', ['Read', 'Write'])] },
    {},
    ['ESC4/critical'],
  ],
  ['no ESC1 when only administrators can enroll', {}, {}, []],
  [
    'no ESC1 when the CA itself does not let the group enroll (Certipy #82)',
    { acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])] },
    { ca: { enrollees: ['Domain Admins'] } },
    [],
  ],
  ["the CA's own Read on the template is not a finding", { acl: [...base.acl, ace('CA1', ['Read'])] }, {}, []],
  [
    'application policies override the EKU (Certipy PR #228): server-auth policy, no ESC1',
    { ekus: [oid.clientAuth], applicationPolicies: [oid.serverAuth], acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])] },
    {},
    ['ESC17/medium'],
  ],
  [
    'ESC2: no EKU at all',
    {
      subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] },
      ekus: [],
      applicationPolicies: [],
      acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])],
    },
    {},
    ['ESC2/critical'],
  ],
  [
    'ESC3: Certificate Request Agent',
    {
      subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] },
      ekus: ['1.3.6.1.4.1.311.20.2.1'],
      applicationPolicies: ['1.3.6.1.4.1.311.20.2.1'],
      acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])],
    },
    {},
    ['ESC3/critical'],
  ],
  [
    'ESC9: no security extension on a client authentication template',
    {
      subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] },
      noSecurityExtension: true,
      acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])],
    },
    {},
    ['ESC9/high'],
  ],
  [
    'ESC13: issuance policy linked to a group',
    {
      subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] },
      issuancePolicies: [{ oid: '1.3.6.1.4.1.311.21.8.1.2', linkedGroup: 'Domain Admins' }],
      acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])],
    },
    {},
    ['ESC13/high'],
  ],
  [
    'ESC15: version 1 template supplying its subject, enrollable by users',
    { schemaVersion: 1, acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])] },
    {},
    ['ESC1/critical', 'ESC15/medium'],
  ],
  [
    'ESC17 only informational when servers the procedure chose enroll',
    { ekus: [oid.serverAuth], applicationPolicies: [oid.serverAuth], acl: [...base.acl, ace('SERVER1', ['Read', 'Enroll'])] },
    {},
    ['ESC17/info'],
  ],
  [
    'ESC4: Full Control for Authenticated Users',
    { subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] }, acl: [ace('Authenticated Users', ['FullControl'])] },
    {},
    ['ESC4/critical'],
  ],
];

for (const [name, template, options, expected] of cases) {
  security(name, () => assert.equal(rules(worldWith(template, options)).sort(), expected.sort()));
}

security('the built-in Web Server template (v1, supply in request, enabled, admins only) raises no ESC15 on a fresh CA', () => {
  assert.equal(rules(givenNetwork(), 'template:WebServer'), []);
});

security.run();
