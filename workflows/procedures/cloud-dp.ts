// Machine: cloudDpServiceMachine at the end of the file (phases holding steps, built by workflows/kit/machine.ts).
// Events: `events` in the definition (`pkilab procedures --events`). Test: test/workflows/procedures/cloud-dp.test.ts.
import { contoso } from '../../domain/index.ts';
import { machineOf } from '../kit/machine.ts';
import { defineProcedure, phase } from '../kit/procedure.ts';
import { createCloudDpStep } from '../steps/configmgr-steps.ts';
import { exportStep, requestStep } from '../steps/host-steps.ts';
import { enrollOnlyFor, requestHandlingStep, securityStep } from '../steps/configure-steps.ts';
import { createGroupStep, duplicateStep, groupOf, issueStep, nameStep, restartStep } from '../steps/template-steps.ts';

const section = 'Deploying the Service Certificate for Cloud-Based Distribution Points';
const create = `${section} › Creating and Issuing a Custom Web Server Certificate Template`;
const request = `${section} › Requesting the Custom Web Server Certificate`;
const exporting = `${section} › Exporting the Custom Web Server Certificate`;

/** The seed's second deployment: an exportable Web Server duplicate, exported as PFX for a cloud DP. */
export const cloudDpServiceCertificate = defineProcedure({
  id: 'cloud-dp-service-certificate',
  title: 'Service certificate for cloud-based distribution points',
  seedSection: section,
  summary:
    'Duplicate Web Server with an exportable key for ConfigMgr Site Servers, enroll SERVER1 with CN clouddp1.contoso.com, export a PFX and create the cloud distribution point from it.',
  phases: [
    phase('group', [
      createGroupStep(
        create,
        'ConfigMgr Site Servers',
        [contoso.siteServer],
        'Collect the primary site servers that will manage cloud distribution points, so only they may request a certificate whose key can be exported.',
      ),
    ]),
    phase('duplicate', [
      duplicateStep(create, 'Web Server'),
      nameStep(create, 'ConfigMgr Cloud-Based Distribution Point Certificate', 'cloud-dp-service'),
    ]),
    phase('configure', [
      requestHandlingStep(create),
      securityStep(
        create,
        enrollOnlyFor(groupOf, ['Enterprise Admins']),
        'Take Enroll away from Enterprise Admins and give the site server group Read and Enroll.',
      ),
    ]),
    phase('issue', [issueStep(create)]),
    phase('request', [
      restartStep(request, contoso.siteServer),
      requestStep(
        request,
        { computer: contoso.siteServer, commonName: contoso.cloudDpServiceFqdn, dnsNames: [] },
        'Request the certificate with a common name made of the service name you chose and your domain; DNS will later alias that name to the cloud service.',
      ),
    ]),
    phase(
      'deploy',
      [
        exportStep(exporting, { computer: contoso.siteServer, file: 'clouddp1.pfx', password: 'Pa55w.rd-CloudDP' }),
        createCloudDpStep(exporting, contoso.cloudDpServiceFqdn),
      ],
      'Export the PFX and create the cloud distribution point',
    ),
  ],
  events: [
    'PrincipalCreated',
    'GroupMemberAdded',
    'TemplateDuplicated',
    'TemplateRequestHandlingChanged',
    'TemplatePermissionsChanged',
    'TemplateIssued',
    'ComputerRestarted',
    'AutoenrollmentRan',
    'CertificateIssued',
    'CertificateInstalled',
    'CertificateExported',
    'CloudDistributionPointCreated',
  ],
  test: 'test/workflows/procedures/cloud-dp.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const cloudDpServiceMachine = machineOf(cloudDpServiceCertificate);
