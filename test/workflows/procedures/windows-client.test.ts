import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { windowsClientMachine } from '../../../workflows/procedures/windows-client.ts';
import { procedureSpec } from '../../support/procedure-spec.ts';

const client = suite('workflows/procedures/windows-client');
const spec = procedureSpec('windows-client-certificate');

client("its machine has the card's phases in order, each a parent state holding its steps", () => {
  assert.equal(Object.keys(windowsClientMachine.root.states), ['duplicate', 'configure', 'issue', 'policy', 'request', 'done']);
  assert.equal(Object.keys(windowsClientMachine.root.states.policy!.states), ['create-gpo', 'autoenrollment-policy']);
});

client('the GPO is created and linked to the domain', async () => {
  await spec({ at: 'create-gpo' })
    .when('create-gpo')
    .thenEvents([{ type: 'GpoCreated', data: { name: 'Autoenroll Certificates' } }]);
});

client('the GPO turns on autoenrollment with both boxes checked', async () => {
  await spec({ at: 'autoenrollment-policy' })
    .when('autoenrollment-policy')
    .thenEvents([
      { type: 'AutoenrollmentPolicyConfigured', data: { gpo: 'Autoenroll Certificates', policy: { configurationModel: 'enabled' } } },
    ]);
});

client('restarting CLIENT1 autoenrolls it for the new template', async () => {
  await spec({ at: 'restart-client' })
    .when('restart-client')
    .thenEvents([
      { type: 'ComputerRestarted', data: { computer: 'CLIENT1' } },
      { type: 'CertificateIssued', data: { certificate: { requester: 'CLIENT1' } } },
      { type: 'CertificateInstalled', data: { host: 'CLIENT1', store: 'personal' } },
      { type: 'AutoenrollmentRan', data: { computer: 'CLIENT1' } },
    ]);
});

client('CLIENT1 holds a Client Authentication certificate when checked', async () => {
  await spec({ at: 'verify-client' })
    .when('verify-client')
    .thenEvents([{ type: 'CertificateVerified', data: { host: 'CLIENT1' } }]);
});

client('without the template issued, CLIENT1 has no certificate to find', async () => {
  await spec({ at: 'verify-client', choices: { 'issue-template': 'skip' } })
    .when('verify-client')
    .thenRejected('not-verified');
});

client.run();
