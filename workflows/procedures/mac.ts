// Machine: macClientMachine at the end of the file (phases holding steps, built by workflows/kit/machine.ts).
// Events: `events` in the definition (`pkilab procedures --events`). Test: test/workflows/procedures/mac.test.ts.
import { contoso } from '../../domain/index.ts';
import { machineOf } from '../kit/machine.ts';
import { defineProcedure, phase } from '../kit/procedure.ts';
import { enrollDeviceStep, enrollmentProfileStep } from '../steps/configmgr-steps.ts';
import { enrollOnlyFor, securityStep, subjectNameStep } from '../steps/configure-steps.ts';
import { createGroupStep, duplicateStep, groupOf, issueStep, nameStep } from '../steps/template-steps.ts';

const section = 'Deploying the Client Certificate for Mac Computers';
const create = `${section} › Creating and Issuing a Mac Client Certificate Template`;

/** The seed's last deployment: the template Mac computers enroll with through ConfigMgr. */
export const macClientCertificate = defineProcedure({
  id: 'mac-client-certificate',
  title: 'Client certificate for Mac computers',
  seedSection: section,
  summary:
    'Duplicate Authenticated Session with a subject built from AD (common name, no UPN, no SAN) for a group of administrative users, issue it, select it for Mac enrollment, and enroll a Mac.',
  phases: [
    phase('group', [
      createGroupStep(
        create,
        'ConfigMgr Mac Enrollment Administrators',
        [contoso.macUser],
        'Collect the administrative users who will enroll Mac computers through ConfigMgr.',
      ),
    ]),
    phase('duplicate', [
      duplicateStep(create, 'Authenticated Session'),
      nameStep(create, 'ConfigMgr Mac Client Certificate', 'mac-client'),
    ]),
    phase('configure', [
      subjectNameStep(
        create,
        { source: 'build-from-ad', format: 'common-name', altNames: [] },
        'Build the subject from AD as a common name and clear the UPN: Mac clients do not support a subject alternative name.',
      ),
      securityStep(
        create,
        enrollOnlyFor(groupOf),
        'Take Enroll away from the administrator groups and give the Mac enrollment group Read and Enroll.',
      ),
    ]),
    phase('issue', [issueStep(create)]),
    phase(
      'request',
      [enrollmentProfileStep(create, 'mac'), enrollDeviceStep(create, 'mac', { user: contoso.macUser, device: 'MEGANB-MAC' })],
      'Enroll a Mac through ConfigMgr',
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
  test: 'test/workflows/procedures/mac.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const macClientMachine = machineOf(macClientCertificate);
