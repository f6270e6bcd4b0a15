import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  HostName,
  KeyRef,
  Thumbprint,
  SimTime,
  decide,
  timed,
  nextDueAt,
  testNetwork,
  type LabCommand,
  type World,
} from '../../domain/index.ts';
import { accepted, at, webServerTemplateIssued } from '../support/steps.ts';
import { given, givenNetwork, record, startsAt } from '../support/world.ts';
import { fold } from '../../projections/index.ts';

const admin = suite('domain administrative actions');

const refusal = (world: World, command: LabCommand) => {
  const decision = decide(timed(command, at), world);
  return decision.kind === 'rejected' ? decision.rejection : undefined;
};

const pending = (world: World): World =>
  given(world, {
    type: 'CertificateRequestPending',
    data: {
      requestId: 1,
      ca: 'contoso-CA1-CA',
      template: 'ConfigMgrWebServerCertificate',
      requester: 'SERVER1',
      submittedAt: at,
      requested: { dnsNames: ['server1.internal.contoso.com'] },
    },
  });

admin('a built-in version 1 template refuses a settings-tab edit but not a Security tab edit', () => {
  const world = givenNetwork();
  const general = refusal(world, {
    type: 'ChangeTemplateSettings',
    template: 'Web Server',
    tab: 'General',
    settings: { validityDays: 365 },
  });
  assert.is(general?.name, 'NOT_EDITABLE');
  assert.match(general!.reason, /General tab is read-only/);
  const security = decide(
    timed({ type: 'ChangeTemplatePermissions', template: 'Web Server', principal: 'Domain Computers', allow: ['Enroll'] }, at),
    world,
  );
  assert.is(security.kind, 'accepted');
});

admin('a settings edit on a version 2 template changes it and bumps its minor revision', () => {
  const world = accepted(webServerTemplateIssued(givenNetwork()), {
    type: 'ChangeTemplateSettings',
    template: 'ConfigMgr Web Server Certificate',
    tab: 'Request Handling',
    settings: { minimalKeySize: 4096 },
  });
  const template = world.ca.templates.ConfigMgrWebServerCertificate!;
  assert.is(template.minimalKeySize, 4096);
  assert.is(template.minorRevision, webServerTemplateIssued(givenNetwork()).ca.templates.ConfigMgrWebServerCertificate!.minorRevision + 1);
});

admin('a renewal period as long as the validity period is refused', () => {
  const world = webServerTemplateIssued(givenNetwork());
  const refused = refusal(world, {
    type: 'ChangeTemplateSettings',
    template: 'ConfigMgr Web Server Certificate',
    tab: 'General',
    settings: { validityDays: 30, renewalDays: 30 },
  });
  assert.is(refused?.code, 'invalid-choice');
});

admin('a request with a key shorter than the template minimum is refused with CERTSRV_E_KEY_LENGTH 0x80094811', () => {
  const world = accepted(webServerTemplateIssued(givenNetwork()), { type: 'RestartComputer', computer: HostName('SERVER1') });
  const refused = refusal(world, {
    type: 'RequestCertificate',
    requester: 'SERVER1',
    store: 'personal',
    template: 'ConfigMgr Web Server Certificate',
    dnsNames: ['a.contoso.com'],
    keySize: 1024,
  });
  assert.is(refused?.code, '0x80094811');
  const enough = decide(
    timed(
      {
        type: 'RequestCertificate',
        requester: 'SERVER1',
        store: 'personal',
        template: 'ConfigMgr Web Server Certificate',
        dnsNames: ['a.contoso.com'],
        keySize: 4096,
      },
      at,
    ),
    world,
  );
  assert.is(enough.kind === 'sign' && enough.draft.keySize, 4096);
});

admin('approving a pending request issues it into the CA database only; the requester retrieves it later', () => {
  const decision = decide(timed({ type: 'ApproveRequest', requestId: 1 }, at), pending(webServerTemplateIssued(givenNetwork())));
  assert.is(decision.kind, 'sign');
  if (decision.kind !== 'sign') return;
  assert.is(decision.draft.requestId, 1);
  assert.is(decision.draft.installTo, undefined);
});

admin('approving an unknown request fails as certutil does (0x80070002); a denied one is no longer pending (0x80094003)', () => {
  const world = pending(webServerTemplateIssued(givenNetwork()));
  assert.is(refusal(world, { type: 'ApproveRequest', requestId: 7 })?.code, '0x80070002');
  const denied = accepted(world, { type: 'DenyRequest', requestId: 1 });
  assert.equal(denied.ca.pending, {});
  assert.is(refusal(denied, { type: 'ApproveRequest', requestId: 1 })?.code, '0x80094003');
  assert.is(refusal(denied, { type: 'DenyRequest', requestId: 1 })?.code, '0x80094003');
});

admin('taking a template off the CA removes it from Certificate Templates to Issue; taking it off twice is refused', () => {
  const world = accepted(webServerTemplateIssued(givenNetwork()), {
    type: 'RemoveTemplateFromCa',
    template: 'ConfigMgr Web Server Certificate',
  });
  assert.not.ok(world.ca.authorities['contoso-CA1-CA']!.templatesToIssue.includes('ConfigMgrWebServerCertificate'));
  assert.is(refusal(world, { type: 'RemoveTemplateFromCa', template: 'ConfigMgr Web Server Certificate' })?.code, 'not-found');
});

admin('time only moves forward, and gpupdate needs a domain computer', () => {
  const world = givenNetwork();
  assert.is(refusal(world, { type: 'AdvanceTime', to: startsAt })?.code, 'invalid-choice');
  assert.is(decide(timed({ type: 'AdvanceTime', to: at }, at), world).kind, 'accepted');
  assert.is(refusal(world, { type: 'RefreshGroupPolicy', computer: HostName('NOPE') })?.code, 'not-found');
});

admin("the next scheduled work is the CA's first CRL at installation, then the computers' 8-hour autoenrollment timers", () => {
  const world = givenNetwork();
  assert.is(nextDueAt(world), startsAt);
  const noCrl = {
    ...world,
    ca: {
      ...world.ca,
      authorities: Object.fromEntries(Object.entries(world.ca.authorities).map(([k, a]) => [k, { ...a, crl: undefined }])),
    },
  };
  assert.is(nextDueAt(noCrl), '2026-11-02T17:00:00.000Z');
});

admin('a lab definition keeps the seed network where it is silent, and an empty DNS host name leaves the attribute out', () => {
  const events = testNetwork(
    startsAt,
    {
      edition: 'enterprise',
      os: 'windows-server-2008',
      network: {
        computers: [
          { name: 'CLIENT1', dnsHostName: '' },
          { name: 'KIOSK7', groups: ['Kiosks'] },
        ],
        users: [{ name: 'JohnD', mail: 'j@contoso.com' }],
        groups: [{ name: 'Kiosks' }],
      },
    },
    { keyRef: KeyRef('ca'), certificate: 'AA==', thumbprint: Thumbprint('CA'), serialTickBase: 1 },
  );
  const world = fold(record(events));
  assert.is(world.directory.principals.CLIENT1!.dnsHostName, undefined);
  assert.is(world.directory.principals.SERVER1!.dnsHostName, 'server1.internal.contoso.com');
  assert.is(world.directory.principals.KIOSK7!.dnsHostName, 'kiosk7.contoso.com');
  assert.is(world.directory.principals.JohnD!.mail, 'j@contoso.com');
  assert.ok(world.directory.tokens.KIOSK7!.groups.includes('Kiosks'));
  assert.equal(world.hosts.hosts.CLIENT1!.fqdn, '');
});

admin("another domain name renames the default computers, the users' UPN suffix and the CA's DN", () => {
  const world = fold(
    record(
      testNetwork(
        startsAt,
        { edition: 'enterprise', os: 'windows-server-2008', network: { domain: { dnsName: 'fabrikam.com' } } },
        { keyRef: KeyRef('ca'), certificate: 'AA==', thumbprint: Thumbprint('CA'), serialTickBase: 1 },
      ),
    ),
  );
  assert.is(world.directory.domain.netbiosName, 'FABRIKAM');
  assert.is(world.directory.principals.CLIENT1!.dnsHostName, 'client1.fabrikam.com');
  assert.is(world.directory.principals.Administrator!.userPrincipalName, 'Administrator@fabrikam.com');
  assert.equal(world.ca.authorities['contoso-CA1-CA']!.subject.slice(0, 2), [
    ['DC', 'com'],
    ['DC', 'fabrikam'],
  ]);
});

admin.run();
