import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, SimTime, decide, timed, issuedSerial, oid, requestIdOfSerial, type LabCommand, type World } from '../../domain/index.ts';
import { accepted, at, webServerTemplateIssued } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const enrollment = suite('domain/ca enrollment');

const request = (overrides: Partial<Extract<LabCommand, { type: 'RequestCertificate' }>> = {}): LabCommand => ({
  type: 'RequestCertificate',
  requester: 'SERVER1',
  store: 'personal',
  template: 'ConfigMgr Web Server Certificate',
  dnsNames: ['server1.internal.contoso.com', 'server.contoso.com'],
  ...overrides,
});

const restarted = (world: World) => accepted(world, { type: 'RestartComputer', computer: HostName('SERVER1') });
const rejection = (world: World, command: LabCommand = request()) => {
  const decision = decide(timed(command, at), world);
  return decision.kind === 'rejected' ? decision.rejection : undefined;
};

enrollment('denies the template with 0x80094012 when the computer has not restarted since joining the group', () => {
  const refused = rejection(webServerTemplateIssued(givenNetwork()));
  assert.is(refused?.code, '0x80094012');
  assert.is(refused?.name, 'CERTSRV_E_TEMPLATE_DENIED');
  assert.match(refused!.reason, /after its last restart/);
});

enrollment('refuses with 0x80094800 a template no CA issues', () => {
  const world = restarted(
    accepted(
      givenNetwork(),
      { type: 'CreateGroup', name: 'G' },
      { type: 'AddGroupMember', group: 'G', member: 'SERVER1' },
      {
        type: 'DuplicateTemplate',
        source: 'Web Server',
        version: 'windows-server-2003-enterprise',
        displayName: 'ConfigMgr Web Server Certificate',
      },
      { type: 'ChangeTemplatePermissions', template: 'ConfigMgr Web Server Certificate', principal: 'G', allow: ['Read', 'Enroll'] },
    ),
  );
  assert.is(rejection(world)?.code, '0x80094800');
});

enrollment('refuses with 0x80094800 when Authenticated Users lost Read and the CA cannot load the template', () => {
  const world = accepted(restarted(webServerTemplateIssued(givenNetwork())), {
    type: 'ChangeTemplatePermissions',
    template: 'ConfigMgr Web Server Certificate',
    principal: 'Authenticated Users',
    remove: ['Read'],
  });
  const refused = rejection(world);
  assert.is(refused?.code, '0x80094800');
  assert.match(
    refused!.reason,
    /for its computer account CA1, no entry grants CA1 or its groups Read \(was Authenticated Users removed\?\)/,
  );
});

enrollment("a deny Enroll entry wins over the group's allow", () => {
  const world = accepted(restarted(webServerTemplateIssued(givenNetwork())), {
    type: 'ChangeTemplatePermissions',
    template: 'ConfigMgr Web Server Certificate',
    principal: 'Domain Computers',
    deny: ['Enroll'],
  });
  assert.is(rejection(world)?.code, '0x80094012');
});

enrollment('refuses a "Supply in the request" request that names nothing with 0x80094001', () => {
  assert.is(rejection(restarted(webServerTemplateIssued(givenNetwork())), request({ dnsNames: [] }))?.code, '0x80094001');
});

enrollment('refuses a DNS-built subject for a computer with no DNS host name with 0x8009480F', () => {
  const world = accepted(
    givenNetwork(),
    {
      type: 'DuplicateTemplate',
      source: 'Workstation Authentication',
      version: 'windows-server-2003-enterprise',
      displayName: 'ConfigMgr Client Certificate',
    },
    { type: 'IssueTemplate', ca: 'contoso-CA1-CA', template: 'ConfigMgr Client Certificate' },
  );
  const withoutDns: World = {
    ...world,
    directory: {
      ...world.directory,
      principals: { ...world.directory.principals, CLIENT1: { ...world.directory.principals.CLIENT1!, dnsHostName: undefined } },
    },
  };
  assert.is(
    rejection(withoutDns, request({ requester: 'CLIENT1', template: 'ConfigMgr Client Certificate', dnsNames: [] }))?.code,
    '0x8009480F',
  );
});

enrollment('issues what the v2 template dictates: subject from the request, DNS SANs, EKU, template information', () => {
  const decision = decide(timed(request(), at), restarted(webServerTemplateIssued(givenNetwork())));
  assert.is(decision.kind, 'sign');
  if (decision.kind !== 'sign') return;
  const kinds = decision.profile.extensions.map((e) => e.kind);
  assert.ok(kinds.includes('templateInformation'));
  assert.not.ok(kinds.includes('templateName'));
  assert.equal(decision.profile.subject, []);
  const san = decision.profile.extensions.find((e) => e.kind === 'subjectAltName');
  assert.equal(san, { kind: 'subjectAltName', dnsNames: ['server1.internal.contoso.com', 'server.contoso.com'], upns: [], critical: true });
  assert.equal(decision.draft.ekus, [oid.serverAuth]);
  assert.equal(decision.draft.applicationPolicies, [oid.serverAuth]);
  assert.is(decision.draft.installTo?.host, 'SERVER1');
  assert.is(decision.profile.notBefore, '2026-11-02T09:50:00.000Z');
  assert.is(decision.profile.notAfter, '2028-11-01T10:00:00.000Z');
});

enrollment('a version 1 template marks the certificate with the template name extension', () => {
  const world = accepted(givenNetwork(), {
    type: 'ChangeTemplatePermissions',
    template: 'Web Server',
    principal: 'Domain Computers',
    allow: ['Enroll'],
  });
  const decision = decide(timed(request({ template: 'Web Server' }), at), world);
  assert.is(decision.kind, 'sign');
  if (decision.kind === 'sign') assert.equal(decision.profile.extensions[0], { kind: 'templateName', name: 'WebServer' });
});

enrollment('does not offer a user template to a computer', () => {
  assert.is(rejection(givenNetwork(), request({ template: 'Authenticated Session' }))?.name, 'TEMPLATE_NOT_OFFERED');
});

enrollment("request ids and serial numbers follow the CA's last request", () => {
  const world = restarted(webServerTemplateIssued(givenNetwork()));
  const decision = decide(timed(request(), at), world);
  assert.is(decision.kind === 'sign' && decision.draft.requestId, 1);
  const serial = decision.kind === 'sign' ? decision.profile.serialNumber : '';
  assert.match(
    serial,
    /^[0-7][0-9a-f]{7}0000[0-9a-f]{8}$/,
    'AD CS layout: tick count, CA certificate index 0, request id (10 bytes, positive)',
  );
  assert.is(serial.slice(-8), '00000001');
  assert.is(requestIdOfSerial(serial), 1);
});

enrollment('the decision names the new key it needs (request and requester), with no placeholder for the engine to fill', () => {
  const world = restarted(webServerTemplateIssued(givenNetwork()));
  const decision = decide(timed(request(), at), world);
  assert.is(decision.kind === 'sign' && decision.draft.keyRef, 'req-1-server1');
  assert.is(decision.kind === 'sign' && decision.draft.keySize, 2048);
});

enrollment('issued serials differ between two labs (their recorded tick bases) and are unique within one', () => {
  const base = givenNetwork().ca.authorities['contoso-CA1-CA']!;
  const other = { ...base, serialTickBase: (base.serialTickBase ?? 0) + 86_400_000 };
  assert.is.not(issuedSerial(base, 7, at), issuedSerial(other, 7, at));
  assert.is.not(issuedSerial(base, 7, at), issuedSerial(base, 8, at));
  assert.is(requestIdOfSerial(issuedSerial(other, 7, at)), 7);
});

enrollment.run();
