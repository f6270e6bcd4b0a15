import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { iisWebServerMachine } from '../../../workflows/procedures/iis-web-server.ts';
import { procedureSpec } from '../../support/procedure-spec.ts';

const iis = suite('workflows/procedures/iis-web-server');
const spec = procedureSpec('iis-web-server-certificate');

iis("its machine has the card's phases in order, each a parent state holding its steps", () => {
  assert.equal(Object.keys(iisWebServerMachine.root.states), ['group', 'duplicate', 'configure', 'issue', 'request', 'deploy', 'done']);
  assert.equal(Object.keys(iisWebServerMachine.root.states.deploy!.states), ['bind', 'site-system', 'verify']);
});

iis('creating the group records the group and SERVER1 as its member', async () => {
  await spec()
    .when('create-group')
    .thenEvents([
      { type: 'PrincipalCreated', data: { principal: { name: 'ConfigMgr IIS Servers', kind: 'group' } } },
      { type: 'GroupMemberAdded', data: { group: 'ConfigMgr IIS Servers', member: 'SERVER1' } },
    ]);
});

iis('naming the duplicate creates the version 2 template the Duplicate Template dialog chose', async () => {
  await spec({ at: 'name-template' })
    .when('name-template')
    .thenEvents([
      { type: 'TemplateDuplicated', data: { template: { displayName: 'ConfigMgr Web Server Certificate', schemaVersion: 2 } } },
    ]);
});

iis('a step out of order is refused naming the step the machine waits at', async () => {
  await spec({ at: 'subject-name' })
    .when('bind')
    .thenRejected('WRONG_STEP', /Expected step "subject-name" of iis-web-server-certificate, found "bind"/);
});

iis('the Security tab cannot be left out: the machine has no SKIP for it', async () => {
  await spec({ at: 'security' })
    .when('security', null)
    .thenRejected('WRONG_STEP', /Step "security" cannot be skipped/);
});

iis("without the restart, SERVER1's token lacks the group and the CA denies the request", async () => {
  await spec({ at: 'request-certificate', choices: { restart: 'skip' } })
    .when('request-certificate')
    .thenRejected('CERTSRV_E_TEMPLATE_DENIED');
});

iis("after the restart, the request issues a certificate with both FQDNs into SERVER1's personal store", async () => {
  await spec({ at: 'request-certificate' })
    .when('request-certificate')
    .thenEvents([
      { type: 'CertificateIssued', data: { certificate: { dnsNames: ['server1.internal.contoso.com', 'server.contoso.com'] } } },
      { type: 'CertificateInstalled', data: { host: 'SERVER1', store: 'personal' } },
    ]);
});

iis("the last step checks the binding against the site system's FQDNs and completes the procedure", async () => {
  const lab = await spec({ at: 'verify' })
    .when('verify')
    .thenEvents([{ type: 'IisBindingVerified', data: { host: 'SERVER1', names: ['server1.internal.contoso.com', 'server.contoso.com'] } }]);
  assert.ok(lab.world.procedures['iis-web-server-certificate']?.completed);
});

iis.run();
