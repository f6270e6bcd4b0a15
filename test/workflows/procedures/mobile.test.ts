import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mobileEnrollmentMachine } from '../../../workflows/procedures/mobile.ts';
import { procedureSpec } from '../../support/procedure-spec.ts';

const mobile = suite('workflows/procedures/mobile');
const spec = procedureSpec('mobile-enrollment-certificate');

mobile("its machine has the card's phases in order, each a parent state holding its steps", () => {
  assert.equal(Object.keys(mobileEnrollmentMachine.root.states), ['group', 'duplicate', 'configure', 'issue', 'request', 'done']);
  assert.equal(Object.keys(mobileEnrollmentMachine.root.states.request!.states), ['enrollment-profile', 'enroll-device']);
});

mobile('the enrollment profile names the new template for mobile devices', async () => {
  await spec({ at: 'enrollment-profile' })
    .when('enrollment-profile')
    .thenEvents([{ type: 'EnrollmentProfileSet', data: { platform: 'mobile' } }]);
});

mobile("a user of the group enrolls a phone: ConfigMgr requests the certificate on the user's behalf", async () => {
  await spec({ at: 'enroll-device' })
    .when('enroll-device')
    .thenEvents([
      { type: 'DeviceEnrolled', data: { device: 'ADELEV-PHONE', platform: 'mobile' } },
      { type: 'HostProvisioned' },
      { type: 'CertificateIssued', data: { certificate: { requester: 'AdeleV' } } },
      { type: 'CertificateInstalled', data: { host: 'ADELEV-PHONE' } },
    ]);
});

mobile('a template never issued on the CA is refused when the device enrolls', async () => {
  await spec({ at: 'enroll-device', choices: { 'issue-template': 'skip' } })
    .when('enroll-device')
    .thenRejected('CERTSRV_E_UNSUPPORTED_CERT_TYPE');
});

mobile.run();
