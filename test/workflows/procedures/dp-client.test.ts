import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dpClientMachine } from '../../../workflows/procedures/dp-client.ts';
import { procedureSpec } from '../../support/procedure-spec.ts';

const dpClient = suite('workflows/procedures/dp-client');
const spec = procedureSpec('dp-client-certificate');
/** The IIS server group the template grants Enroll to is created by the IIS procedure. */
const after = ['iis-web-server-certificate'];

dpClient("its machine has the card's phases in order, each a parent state holding its steps", () => {
  assert.equal(Object.keys(dpClientMachine.root.states), ['duplicate', 'configure', 'issue', 'request', 'deploy', 'done']);
  assert.equal(Object.keys(dpClientMachine.root.states.configure!.states), ['request-handling', 'security']);
});

dpClient('SERVER1 enrolls for the client certificate without extra information', async () => {
  await spec({ after, at: 'request-certificate' })
    .when('request-certificate')
    .thenEvents([
      { type: 'CertificateIssued', data: { certificate: { requester: 'SERVER1' } } },
      { type: 'CertificateInstalled', data: { host: 'SERVER1', store: 'personal' } },
    ]);
});

dpClient('a key the template keeps unexportable cannot go into a PFX', async () => {
  await spec({ after, at: 'export', choices: { 'request-handling': { exportableKey: false } } })
    .when('export')
    .thenRejected('key-not-exportable');
});

dpClient('the PFX is imported in the distribution point, for PXE and boot media too', async () => {
  await spec({ after, at: 'import-dp-certificate' })
    .when('import-dp-certificate')
    .thenEvents([{ type: 'DistributionPointCertificateImported', data: { host: 'SERVER1', pxe: true, bootMedia: true } }]);
});

dpClient.run();
