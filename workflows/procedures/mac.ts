import { contoso } from '../../domain/index.ts';
import type { ProcedureDefinition } from '../procedure.ts';
import { enrollDeviceStep, enrollmentProfileStep } from '../steps/configmgr-steps.ts';
import { enrollOnlyFor, createGroupStep, duplicateStep, groupOf, issueStep, nameStep, securityStep, subjectNameStep } from '../steps/template-steps.ts';

const section = 'Deploying the Client Certificate for Mac Computers';
const create = `${section} › Creating and Issuing a Mac Client Certificate Template`;

/** The seed's last deployment: the template Mac computers enroll with through ConfigMgr. */
export const macClientCertificate: ProcedureDefinition = {
  id: 'mac-client-certificate',
  title: 'Client certificate for Mac computers',
  seedSection: section,
  summary: 'Duplicate Authenticated Session with a subject built from AD (common name, no UPN, no SAN) for a group of administrative users, issue it, select it for Mac enrollment, and enroll a Mac.',
  steps: [
    createGroupStep(create, 'ConfigMgr Mac Enrollment Administrators', [contoso.macUser], 'Collect the administrative users who will enroll Mac computers through ConfigMgr.'),
    duplicateStep(create, 'Authenticated Session'),
    nameStep(create, 'ConfigMgr Mac Client Certificate', 'mac-client'),
    subjectNameStep(create, { source: 'build-from-ad', format: 'common-name', altNames: [] }, 'Build the subject from AD as a common name and clear the UPN: Mac clients do not support a subject alternative name.'),
    securityStep(
      create,
      enrollOnlyFor(groupOf),
      'Take Enroll away from the administrator groups and give the Mac enrollment group Read and Enroll.',
    ),
    issueStep(create),
    enrollmentProfileStep(create, 'mac'),
    enrollDeviceStep(create, 'mac', { user: contoso.macUser, device: 'MEGANB-MAC' }),
  ],
};
