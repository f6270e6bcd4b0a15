// Machine: windowsClientMachine at the end of the file (phases holding steps, built by workflows/kit/machine.ts).
// Events: `events` in the definition (`pkilab procedures --events`). Test: test/workflows/procedures/windows-client.test.ts.
import { contoso } from '../../domain/index.ts';
import { machineOf } from '../kit/machine.ts';
import { defineProcedure, phase } from '../kit/procedure.ts';
import { autoenrollmentPolicyStep, createGpoStep } from '../steps/configmgr-steps.ts';
import { verifyCertificateStep, waitStep } from '../steps/host-steps.ts';
import { securityStep } from '../steps/configure-steps.ts';
import { duplicateStep, issueStep, nameStep, restartStep } from '../steps/template-steps.ts';

const section = 'Deploying the Client Certificate for Windows Computers';
const create = `${section} › Creating and Issuing the Workstation Authentication Certificate Template`;
const policy = `${section} › Configuring Autoenrollment of the Workstation Authentication Template by Using Group Policy`;
const enroll = `${section} › Automatically Enrolling the Workstation Authentication Certificate and Verifying Its Installation`;

/** The seed's third deployment: client certificates for every domain computer by autoenrollment. */
export const windowsClientCertificate = defineProcedure({
  id: 'windows-client-certificate',
  title: 'Client certificate for Windows computers',
  seedSection: section,
  summary:
    'Duplicate Workstation Authentication, let Domain Computers autoenroll, enable autoenrollment in a domain GPO, restart, and find the Client Authentication certificate on CLIENT1 and on the management point.',
  phases: [
    phase('duplicate', [
      duplicateStep(create, 'Workstation Authentication'),
      nameStep(create, 'ConfigMgr Client Certificate', 'windows-client'),
    ]),
    phase('configure', [
      securityStep(
        create,
        () => [{ principal: 'Domain Computers', allow: ['Read', 'Autoenroll'] }],
        'Give Domain Computers Read and Autoenroll next to the Enroll they already have, so every domain computer may enroll automatically.',
      ),
    ]),
    phase('issue', [issueStep(create)]),
    phase('policy', [createGpoStep(policy, 'Autoenroll Certificates'), autoenrollmentPolicyStep(policy)]),
    phase(
      'request',
      [
        restartStep(enroll, contoso.client, 'restart-client'),
        restartStep(enroll, contoso.siteServer, 'restart-management-point'),
        waitStep(
          enroll,
          5,
          'Give autoenrollment a few minutes after startup before looking for the certificate. Waiting eight hours instead lets the autoenrollment timer do the work without a restart.',
        ),
        verifyCertificateStep(enroll, 'verify-client', { computer: contoso.client, purpose: 'Client Authentication' }),
        verifyCertificateStep(enroll, 'verify-management-point', { computer: contoso.siteServer, purpose: 'Client Authentication' }),
      ],
      'Autoenroll and find the certificates',
    ),
  ],
  events: [
    'TemplateDuplicated',
    'TemplatePermissionsChanged',
    'TemplateIssued',
    'GpoCreated',
    'AutoenrollmentPolicyConfigured',
    'ComputerRestarted',
    'AutoenrollmentRan',
    'CertificateIssued',
    'CertificateInstalled',
    'CertificateVerified',
  ],
  test: 'test/workflows/procedures/windows-client.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const windowsClientMachine = machineOf(windowsClientCertificate);
