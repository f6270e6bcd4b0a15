import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  contoso,
  decide,
  timed,
  DisplayName,
  evaluateFindings,
  oid,
  TemplateName,
  type Ace,
  type CaSettings,
  type Template,
  type World,
} from '../../domain/index.ts';
import { at } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const security = suite('domain/findings AD CS security (research §6, case by case)');

const base: Template = {
  name: TemplateName('Probe'),
  displayName: DisplayName('Probe'),
  schemaVersion: 2,
  oid: '1.2.3',
  revision: 100,
  minorRevision: 2,
  forComputers: false,
  subjectName: { source: 'supply-in-request' },
  ekus: [oid.clientAuth],
  applicationPolicies: [oid.clientAuth],
  keyUsage: ['digitalSignature'],
  minimalKeySize: 2048,
  exportableKey: false,
  autoenrollment: false,
  managerApproval: false,
  validityDays: 365,
  renewalDays: 42,
  keyProvider: 'csp',
  acl: [
    { principal: 'Authenticated Users', allow: ['Read'], deny: [] },
    { principal: 'Domain Admins', allow: ['Read', 'Write', 'Enroll'], deny: [] },
  ],
};
const ace = (principal: string, allow: Ace['allow'], deny: Ace['deny'] = []): Ace => ({ principal, allow, deny });

/** The test network with one extra template, issued on the CA unless said otherwise, and CA settings. */
const worldWith = (template: Partial<Template>, options: { issued?: boolean; ca?: Partial<CaSettings> } = {}): World => {
  const world = givenNetwork();
  const t = { ...base, ...template };
  const ca = world.ca.authorities['contoso-CA1-CA']!;
  return {
    ...world,
    ca: {
      ...world.ca,
      templates: { ...world.ca.templates, [t.name]: t },
      authorities: {
        [ca.name]: {
          ...ca,
          settings: { ...ca.settings, ...options.ca },
          templatesToIssue: options.issued === false ? ca.templatesToIssue : [...ca.templatesToIssue, t.name],
        },
      },
    },
  };
};
const rules = (world: World, subject = 'template:Probe') =>
  evaluateFindings(world)
    .filter((f) => f.subject === subject && f.family === 'security')
    .map((f) => `${f.rule}/${f.severity}`);

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

const caCases: Array<[string, Partial<CaSettings>, string]> = [
  ['ESC6: EDITF_ATTRIBUTESUBJECTALTNAME2', { attributeSubjectAltName2: true }, 'ESC6/critical'],
  ['ESC7: a low-privileged CA officer', { officers: ['Domain Admins', 'Helpdesk'] }, 'ESC7/high'],
  ['ESC8: web enrollment over HTTP', { webEnrollment: 'http' }, 'ESC8/high'],
  ['ESC8: web enrollment over HTTPS without EPA', { webEnrollment: 'https' }, 'ESC8/medium'],
  ['ESC11: unencrypted RPC requests allowed', { enforceEncryptICertRequest: false }, 'ESC11/medium'],
  ['ESC16: SID extension disabled', { disabledExtensions: ['1.3.6.1.4.1.311.25.2'] }, 'ESC16/high'],
];
for (const [name, settings, expected] of caCases) {
  security(name, () => assert.equal(rules(worldWith({ acl: base.acl }, { ca: settings }), 'ca:contoso-CA1-CA'), [expected]));
}

security('a fresh CA raises no CA finding; HTTPS web enrollment with EPA is not ESC8', () => {
  assert.equal(rules(givenNetwork(), 'ca:contoso-CA1-CA'), []);
  assert.equal(rules(worldWith({}, { ca: { webEnrollment: 'https-epa' } }), 'ca:contoso-CA1-CA'), []);
});

const sidOid = '1.3.6.1.4.1.311.25.2';
/** Whether the certificate the CA would issue to the requester for the Probe template carries the SID extension. */
const sidWritten = (world: World, requester: string): boolean => {
  const decision = decide(timed({ type: 'RequestCertificate', requester, store: 'personal', template: 'Probe', dnsNames: [] }, at), world);
  if (decision.kind !== 'sign') throw new Error(`expected the CA to sign, found ${decision.kind}`);
  return decision.profile.extensions.some((e) => e.kind === 'sidSecurity');
};
const fromAd: Partial<Template> = {
  subjectName: { source: 'build-from-ad', format: 'common-name', altNames: ['upn'] },
  acl: [...base.acl, ace('Domain Users', ['Read', 'Enroll'])],
};
const sidCases: Array<[string, Partial<Template>, Partial<CaSettings>, string[]]> = [
  ['default settings: the certificate carries the SID, and neither ESC9 nor ESC16 is reported', {}, {}, []],
  [
    'the SID extension in DisableExtensionList: the certificate lacks it, and ESC16 is reported',
    {},
    { disabledExtensions: [sidOid] },
    ['ESC16'],
  ],
  [
    'CT_FLAG_NO_SECURITY_EXTENSION on the template: the certificate lacks it, and ESC9 is reported',
    { noSecurityExtension: true },
    {},
    ['ESC9'],
  ],
];
for (const [name, template, settings, expected] of sidCases) {
  security(name, () => {
    const world = worldWith({ ...fromAd, ...template }, { ca: settings });
    assert.equal(
      evaluateFindings(world)
        .filter((f) => f.rule === 'ESC9' || f.rule === 'ESC16')
        .map((f) => f.rule),
      expected,
    );
    assert.is(sidWritten(world, contoso.mobileUser), expected.length === 0);
  });
}

security.run();
