import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { amt8021xClientMachine, amtProvisioningMachine, amtWebServerMachine } from '../../../workflows/procedures/amt.ts';
import { procedureSpec } from '../../support/procedure-spec.ts';

const amt = suite('workflows/procedures/amt');
const provisioning = procedureSpec('amt-provisioning-certificate');
const webServer = procedureSpec('amt-web-server-certificate');
const dot1x = procedureSpec('amt-8021x-client-certificate');

amt("its machine has the card's phases in order, each a parent state holding its steps", () => {
  assert.equal(Object.keys(amt8021xClientMachine.root.states), ['duplicate', 'configure', 'issue', 'request', 'done']);
  assert.equal(Object.keys(amt8021xClientMachine.root.states.request!.states), ['out-of-band-component', 'provision-amt']);
});

amt("the provisioning and web server machines have their cards' phases in order, the service point's selection last", () => {
  assert.equal(Object.keys(amtProvisioningMachine.root.states), ['group', 'duplicate', 'configure', 'issue', 'request', 'deploy', 'done']);
  assert.equal(Object.keys(amtProvisioningMachine.root.states.deploy!.states), ['select-in-service-point']);
  assert.equal(Object.keys(amtWebServerMachine.root.states), ['group', 'duplicate', 'configure', 'issue', 'done']);
});

amt('the provisioning template gets the AMT Provisioning application policy', async () => {
  await provisioning({ at: 'application-policies' })
    .when('application-policies')
    .thenEvents([{ type: 'TemplateApplicationPolicyAdded', data: { oid: '2.16.840.1.113741.1.2.3' } }]);
});

amt('the out of band service point presents the provisioning certificate', async () => {
  await provisioning({ at: 'select-in-service-point' })
    .when('select-in-service-point')
    .thenEvents([{ type: 'OutOfBandServicePointConfigured', data: { host: 'SERVER1' } }]);
});

amt('the web server procedure ends once its template is issued on the CA', async () => {
  await webServer({ at: 'issue-template' })
    .when('issue-template')
    .thenEvents([{ type: 'TemplateIssued', data: { ca: 'contoso-CA1-CA' } }]);
});

amt('provisioning an AMT computer puts its account in the AMT group and its certificates in the firmware', async () => {
  await dot1x({ after: ['amt-web-server-certificate'], at: 'provision-amt' })
    .when('provision-amt')
    .thenEvents([
      { type: 'PrincipalCreated', data: { principal: { name: 'AMT1', kind: 'computer' } } },
      { type: 'GroupMemberAdded', data: { group: 'ConfigMgr AMT Computers', member: 'AMT1' } },
      { type: 'HostProvisioned' },
      { type: 'AmtComputerProvisioned', data: { group: 'ConfigMgr AMT Computers' } },
      { type: 'CertificateIssued' },
      { type: 'CertificateInstalled', data: { store: 'amt-firmware' } },
      { type: 'CertificateIssued' },
      { type: 'CertificateInstalled', data: { store: 'amt-firmware' } },
    ]);
});

amt.run();
