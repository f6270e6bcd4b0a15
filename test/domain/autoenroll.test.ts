import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, KeyRef, Thumbprint, SimTime, decide, timed, issuanceEvents, type LabEvent, type World } from '../../domain/index.ts';
import { accepted, at } from '../support/steps.ts';
import { given, givenNetwork } from '../support/world.ts';

const autoenroll = suite('domain/ca autoenrollment over time');

const client = 'ConfigMgr Client Certificate';

/** The seed's client template for Domain Computers, issued, with the autoenrollment GPO enabled. */
const clientTemplateReady = (world: World = givenNetwork()): World =>
  accepted(
    world,
    { type: 'DuplicateTemplate', source: 'Workstation Authentication', version: 'windows-server-2003-enterprise', displayName: client },
    { type: 'ChangeTemplatePermissions', template: client, principal: 'Domain Computers', allow: ['Read', 'Enroll', 'Autoenroll'] },
    { type: 'IssueTemplate', ca: 'contoso-CA1-CA', template: client },
    { type: 'CreateGpo', name: 'Autoenroll', linkToDomain: true },
    {
      type: 'ConfigureAutoenrollmentPolicy',
      gpo: 'Autoenroll',
      policy: { configurationModel: 'enabled', renewExpired: true, updateTemplates: true },
    },
  );

const pass = (world: World, when = at) =>
  decide(timed({ type: 'Autoenroll', computer: HostName('CLIENT1'), trigger: 'pulse' }, when), world);

/** Signs a decided issuance with a stand-in DER, as the engine would with a real one. */
const issued = (world: World, when = at): World => {
  const decision = pass(world, when);
  if (decision.kind !== 'sign') throw new Error(`expected an issuance, got ${decision.kind}`);
  const thumbprint = Thumbprint(`${'A'.repeat(39)}${decision.draft.requestId}`);
  const events: LabEvent[] = [
    ...decision.before,
    ...issuanceEvents({ ...decision.draft, keyRef: KeyRef(`k${decision.draft.requestId}`) }, 'AA==', thumbprint),
    ...(decision.after ?? []),
  ];
  return given(world, ...events);
};

autoenroll('a template that needs manager approval leaves one pending request; later passes do not ask again', () => {
  const world = accepted(clientTemplateReady(), {
    type: 'ChangeTemplateSettings',
    template: client,
    tab: 'Issuance Requirements',
    settings: { managerApproval: true },
  });
  const first = pass(world);
  assert.is(first.kind, 'accepted');
  const types = first.kind === 'accepted' ? first.events.map((e) => e.type) : [];
  assert.equal(types, ['CertificateRequestPending', 'AutoenrollmentRan']);
  const second = pass(given(world, ...(first.kind === 'accepted' ? first.events : [])));
  assert.equal(second.kind === 'accepted' && second.events.map((e) => e.type), ['AutoenrollmentRan']);
});

autoenroll('inside the renewal period a pass issues a new certificate and archives the old one after it', () => {
  const world = issued(clientTemplateReady());
  assert.is(pass(world).kind, 'accepted', 'a valid certificate is not renewed');
  const late = SimTime('2027-10-01T10:00:00.000Z');
  const renewal = pass(world, late);
  assert.is(renewal.kind, 'sign');
  if (renewal.kind !== 'sign') return;
  const old = world.hosts.stores.CLIENT1!.personal![0]!.thumbprint;
  assert.equal(renewal.after, [
    { type: 'CertificateArchived', data: { host: 'CLIENT1', store: 'personal', thumbprint: old, reason: 'renewed' } },
  ]);
  const renewed = issued(world, late);
  assert.equal(
    renewed.hosts.stores.CLIENT1!.personal!.map((c) => Boolean(c.archived)),
    [true, false],
  );
});

autoenroll('a superseding template is enrolled and the superseded template is no longer renewed', () => {
  const world = accepted(clientTemplateReady(), {
    type: 'ChangeTemplateSettings',
    template: client,
    tab: 'Superseded Templates',
    settings: { supersedes: ['Workstation Authentication'] },
  });
  assert.equal(world.ca.templates.ConfigMgrClientCertificate!.supersedes, ['Workstation']);
  const decision = pass(world);
  assert.is(decision.kind === 'sign' && decision.draft.template, 'ConfigMgrClientCertificate');
});

autoenroll('an approved request is installed by the next pass (update pending certificates), and not requested again', () => {
  const pending = accepted(clientTemplateReady(), {
    type: 'ChangeTemplateSettings',
    template: client,
    tab: 'Issuance Requirements',
    settings: { managerApproval: true },
  });
  const first = pass(pending);
  const waiting = given(pending, ...(first.kind === 'accepted' ? first.events : []));
  const approval = decide(timed({ type: 'ApproveRequest', requestId: 1 }, at), waiting);
  if (approval.kind !== 'sign') throw new Error(approval.kind);
  const approved = given(waiting, ...issuanceEvents({ ...approval.draft, keyRef: KeyRef('k1') }, 'AA==', Thumbprint('B'.repeat(40))));
  assert.equal(approved.hosts.stores.CLIENT1!.personal, []);
  const retrieval = pass(approved);
  assert.equal(retrieval.kind === 'accepted' && retrieval.events.map((e) => e.type), ['CertificateInstalled', 'AutoenrollmentRan']);
});

autoenroll.run();
