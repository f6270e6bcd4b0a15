// Machine: mobileEnrollmentMachine at the end of the file (phases holding steps, built by workflows/kit/machine.ts).
// Events: `events` in the definition (`pkilab procedures --events`). Test: test/workflows/procedures/mobile.test.ts.
import { contoso } from '../../domain/index.ts';
import { machineOf } from '../kit/machine.ts';
import { defineProcedure, phase } from '../kit/procedure.ts';
import { enrollDeviceStep, enrollmentProfileStep } from '../steps/configmgr-steps.ts';
import { securityStep, subjectNameStep } from '../steps/configure-steps.ts';
import { createGroupStep, duplicateStep, groupOf, issueStep, nameStep } from '../steps/template-steps.ts';

const section = 'Deploying the Enrollment Certificate for Mobile Devices';
const create = `${section} › Creating and Issuing the Enrollment Certificate Template`;

/** The seed's fifth deployment: the template ConfigMgr enrolls mobile devices with. */
export const mobileEnrollmentCertificate = defineProcedure({
  id: 'mobile-enrollment-certificate',
  title: 'Enrollment certificate for mobile devices',
  seedSection: section,
  summary:
    "Duplicate Authenticated Session with a subject built from AD (common name, no UPN) for a group of users, issue it, select it in the mobile enrollment profile, and enroll a user's phone.",
  phases: [
    phase('group', [
      createGroupStep(
        create,
        'ConfigMgr Mobile Device Users',
        [contoso.mobileUser],
        'Collect the users who will enroll mobile devices; they, not their devices, hold the right to enroll.',
      ),
    ]),
    phase('duplicate', [
      duplicateStep(create, 'Authenticated Session'),
      nameStep(create, 'ConfigMgr Mobile Device Enrollment Certificate', 'mobile-enrollment'),
    ]),
    phase('configure', [
      subjectNameStep(
        create,
        { source: 'build-from-ad', format: 'common-name', altNames: [] },
        "Build the subject from AD as the user's common name and leave the UPN out of the alternative name.",
      ),
      securityStep(
        create,
        (context) => [{ principal: groupOf(context), allow: ['Read', 'Enroll'] }],
        "Give the users' group Enroll next to its Read.",
      ),
    ]),
    phase('issue', [issueStep(create)]),
    phase(
      'request',
      [enrollmentProfileStep(create, 'mobile'), enrollDeviceStep(create, 'mobile', { user: contoso.mobileUser, device: 'ADELEV-PHONE' })],
      'Enroll a device through ConfigMgr',
    ),
  ],
  events: [
    'PrincipalCreated',
    'GroupMemberAdded',
    'TemplateDuplicated',
    'TemplateSubjectNameChanged',
    'TemplatePermissionsChanged',
    'TemplateIssued',
    'EnrollmentProfileSet',
    'HostProvisioned',
    'CertificateIssued',
    'CertificateInstalled',
    'DeviceEnrolled',
  ],
  test: 'test/workflows/procedures/mobile.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const mobileEnrollmentMachine = machineOf(mobileEnrollmentCertificate);
