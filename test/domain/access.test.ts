import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, decide, timed, evaluateFindings, hasRight, type LabCommand, type World } from '../../domain/index.ts';
import { whyRightsMissing } from '../../domain/ca/access.ts';
import { accepted, at, webServerTemplateIssued } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const access = suite('domain/ca access: what the Security tab grants, and why not');

const request: LabCommand = {
  type: 'RequestCertificate',
  requester: 'SERVER1',
  store: 'personal',
  template: 'ConfigMgr Web Server Certificate',
  dnsNames: ['server1.internal.contoso.com'],
};
const reasonFor = (world: World) => {
  const decision = decide(timed(request, at), world);
  return decision.kind === 'rejected' ? decision.rejection.reason : '';
};
const restartedWith = (...commands: LabCommand[]) =>
  accepted(webServerTemplateIssued(givenNetwork()), { type: 'RestartComputer', computer: HostName('SERVER1') }, ...commands);

access('a Deny entry wins over an Allow, and the rejection names both', () => {
  const world = restartedWith({
    type: 'ChangeTemplatePermissions',
    template: 'ConfigMgr Web Server Certificate',
    principal: 'Domain Computers',
    deny: ['Enroll'],
  });
  const reason = reasonFor(world);
  assert.match(reason, /the Deny Enroll entry for Domain Computers wins over the Allow Enroll for ConfigMgr IIS Servers/);
  assert.not.match(reason, /no entry grants/);
});

access('a right nobody grants is named as missing, not as denied', () => {
  const world = restartedWith({
    type: 'ChangeTemplatePermissions',
    template: 'ConfigMgr Web Server Certificate',
    principal: 'ConfigMgr IIS Servers',
    remove: ['Enroll'],
  });
  assert.match(reasonFor(world), /no entry grants SERVER1 or its groups Enroll/);
});

access('whyRightsMissing says nothing when every right is held, and a lone Deny refuses', () => {
  const acl = [
    { principal: 'G', allow: ['Read', 'Enroll'] as const, deny: [] as const },
    { principal: 'H', allow: [] as const, deny: ['Read'] as const },
  ];
  assert.is(whyRightsMissing(acl, ['G'], 'X', ['Read', 'Enroll']), undefined);
  assert.is(whyRightsMissing(acl, ['H'], 'X', ['Read']), 'the Deny Read entry for H refuses Read.');
  assert.not.ok(hasRight(acl, ['G', 'H'], 'Read'));
});

access("a Deny Read for the CA's computer account keeps the CA from reading the template, and the CA-side rejection says so", () => {
  const world = restartedWith({
    type: 'ChangeTemplatePermissions',
    template: 'ConfigMgr Web Server Certificate',
    principal: 'CA1',
    deny: ['Read'],
  });
  const reason = reasonFor(world);
  assert.match(
    reason,
    /contoso-CA1-CA cannot read "ConfigMgr Web Server Certificate": for its computer account CA1, the Deny Read entry for CA1 wins over the Allow Read for Authenticated Users\./,
  );
  assert.not.match(reason, /was Authenticated Users removed/);
});

const broadEnroll = (world: World) =>
  evaluateFindings(world).find((f) => f.rule === 'OP-BROAD-ENROLL' && f.subject === 'template:ConfigMgrWebServerCertificate');

const duplicatedFor = (source: string, ...commands: LabCommand[]) =>
  accepted(
    givenNetwork(),
    {
      type: 'DuplicateTemplate',
      source,
      version: 'windows-server-2003-enterprise',
      displayName: 'ConfigMgr Web Server Certificate',
      purpose: 'site-system-web-server',
    },
    ...commands,
  );

access('an Enroll given on the Security tab after duplicating is not called inherited', () => {
  const finding = broadEnroll(
    duplicatedFor('Web Server', {
      type: 'ChangeTemplatePermissions',
      template: 'ConfigMgr Web Server Certificate',
      principal: 'Domain Computers',
      allow: ['Enroll'],
    }),
  );
  assert.ok(finding, 'Domain Computers can enroll the web server template');
  assert.match(finding!.message, /Domain Computers: granted on its Security tab/);
  assert.not.match(finding!.message, /inherited/);
});

access('an Enroll the duplicate started with is called inherited', () => {
  const finding = broadEnroll(duplicatedFor('Workstation Authentication'));
  assert.ok(finding, 'Domain Computers can enroll a duplicate of Workstation Authentication');
  assert.match(finding!.message, /Domain Computers: inherited from the template it was duplicated from/);
});

access.run();
