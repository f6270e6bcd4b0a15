import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cloudDpServiceMachine } from '../../../workflows/procedures/cloud-dp.ts';
import { procedureSpec } from '../../support/procedure-spec.ts';

const cloudDp = suite('workflows/procedures/cloud-dp');
const spec = procedureSpec('cloud-dp-service-certificate');

cloudDp("its machine has the card's phases in order, each a parent state holding its steps", () => {
  assert.equal(Object.keys(cloudDpServiceMachine.root.states), ['group', 'duplicate', 'configure', 'issue', 'request', 'deploy', 'done']);
  assert.equal(Object.keys(cloudDpServiceMachine.root.states.deploy!.states), ['export', 'create-cloud-dp']);
});

cloudDp('the Request Handling tab lets the private key be exported', async () => {
  await spec({ at: 'request-handling' })
    .when('request-handling')
    .thenEvents([{ type: 'TemplateRequestHandlingChanged', data: { exportableKey: true } }]);
});

cloudDp('the request carries the cloud service name as its common name', async () => {
  await spec({ at: 'request-certificate' })
    .when('request-certificate')
    .thenEvents([
      { type: 'CertificateIssued', data: { certificate: { requester: 'SERVER1' } } },
      { type: 'CertificateInstalled', data: { host: 'SERVER1', store: 'personal' } },
    ]);
});

cloudDp('the export writes the certificate and its key to a PFX file', async () => {
  await spec({ at: 'export' })
    .when('export')
    .thenEvents([{ type: 'CertificateExported', data: { host: 'SERVER1', file: 'clouddp1.pfx' } }]);
});

cloudDp("the console refuses the PFX under a password other than the export's", async () => {
  await spec({ at: 'create-cloud-dp' }).when('create-cloud-dp', { password: 'not-the-export-password' }).thenRejected('pfx-wrong-password');
});

cloudDp("with the export's password the cloud distribution point is created from the PFX", async () => {
  await spec({ at: 'create-cloud-dp' })
    .when('create-cloud-dp')
    .thenEvents([{ type: 'CloudDistributionPointCreated', data: { serviceFqdn: 'clouddp1.contoso.com' } }]);
});

cloudDp.run();
