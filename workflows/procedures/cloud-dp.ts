import { contoso } from '../../domain/index.ts';
import type { ProcedureDefinition } from '../procedure.ts';
import { createCloudDpStep } from '../steps/configmgr-steps.ts';
import { exportStep, requestStep } from '../steps/host-steps.ts';
import { enrollOnlyFor, createGroupStep, duplicateStep, groupOf, issueStep, nameStep, requestHandlingStep, restartStep, securityStep } from '../steps/template-steps.ts';

const section = 'Deploying the Service Certificate for Cloud-Based Distribution Points';
const create = `${section} › Creating and Issuing a Custom Web Server Certificate Template`;
const request = `${section} › Requesting the Custom Web Server Certificate`;
const exporting = `${section} › Exporting the Custom Web Server Certificate`;

/** The seed's second deployment: an exportable Web Server duplicate, exported as PFX for a cloud DP. */
export const cloudDpServiceCertificate: ProcedureDefinition = {
  id: 'cloud-dp-service-certificate',
  title: 'Service certificate for cloud-based distribution points',
  seedSection: section,
  summary: 'Duplicate Web Server with an exportable key for ConfigMgr Site Servers, enroll SERVER1 with CN clouddp1.contoso.com, export a PFX and create the cloud distribution point from it.',
  steps: [
    createGroupStep(create, 'ConfigMgr Site Servers', [contoso.siteServer], 'Collect the primary site servers that will manage cloud distribution points, so only they may request a certificate whose key can be exported.'),
    duplicateStep(create, 'Web Server'),
    nameStep(create, 'ConfigMgr Cloud-Based Distribution Point Certificate', 'cloud-dp-service'),
    requestHandlingStep(create),
    securityStep(
      create,
      enrollOnlyFor(groupOf, ['Enterprise Admins']),
      'Take Enroll away from Enterprise Admins and give the site server group Read and Enroll.',
    ),
    issueStep(create),
    restartStep(request, contoso.siteServer),
    requestStep(
      request,
      { computer: contoso.siteServer, commonName: contoso.cloudDpServiceFqdn, dnsNames: [] },
      'Request the certificate with a common name made of the service name you chose and your domain; DNS will later alias that name to the cloud service.',
    ),
    exportStep(exporting, { computer: contoso.siteServer, file: 'clouddp1.pfx', password: 'Pa55w.rd-CloudDP' }),
    createCloudDpStep(exporting, contoso.cloudDpServiceFqdn),
  ],
};
