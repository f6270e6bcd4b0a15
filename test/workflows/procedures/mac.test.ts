import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { macClientMachine } from '../../../workflows/procedures/mac.ts';
import { procedureSpec } from '../../support/procedure-spec.ts';

const mac = suite('workflows/procedures/mac');
const spec = procedureSpec('mac-client-certificate');

mac("its machine has the card's phases in order, each a parent state holding its steps", () => {
  assert.equal(Object.keys(macClientMachine.root.states), ['group', 'duplicate', 'configure', 'issue', 'request', 'done']);
  assert.equal(Object.keys(macClientMachine.root.states.configure!.states), ['subject-name', 'security']);
});

mac('the Subject Name tab builds a common name from AD and no alternative name', async () => {
  await spec({ at: 'subject-name' })
    .when('subject-name')
    .thenEvents([
      { type: 'TemplateSubjectNameChanged', data: { subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] } } },
    ]);
});

mac('a Mac enrolls with the template the profile names', async () => {
  await spec({ at: 'enroll-device' })
    .when('enroll-device')
    .thenEvents([
      { type: 'DeviceEnrolled', data: { device: 'MEGANB-MAC', platform: 'mac' } },
      { type: 'HostProvisioned' },
      { type: 'CertificateIssued', data: { certificate: { requester: 'MeganB' } } },
      { type: 'CertificateInstalled', data: { host: 'MEGANB-MAC' } },
    ]);
});

mac('a template with an alternative name is refused by ConfigMgr for Macs', async () => {
  const choices = { 'subject-name': { subjectName: { source: 'build-from-ad', format: 'common-name', altNames: ['upn'] } } };
  await spec({ at: 'enroll-device', choices }).when('enroll-device').thenRejected('configmgr-requirements');
});

mac.run();
