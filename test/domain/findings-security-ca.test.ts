import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contoso, decide, evaluateFindings, timed, type CaSettings, type Template, type World } from '../../domain/index.ts';
import { ace, base, rules, worldWith } from '../support/probe-template.ts';
import { at } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const security = suite('domain/findings AD CS security on CAs, and the SID extension the CA writes (research §6)');

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
