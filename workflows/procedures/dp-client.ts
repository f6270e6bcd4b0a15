// Machine: dpClientMachine at the end of the file (phases holding steps, built by workflows/kit/machine.ts).
// Events: `events` in the definition (`pkilab procedures --events`). Test: test/workflows/procedures/dp-client.test.ts.
import { contoso } from '../../domain/index.ts';
import { machineOf } from '../kit/machine.ts';
import { defineProcedure, phase } from '../kit/procedure.ts';
import { importDpCertificateStep } from '../steps/configmgr-steps.ts';
import { exportStep, requestStep, verifyCertificateStep } from '../steps/host-steps.ts';
import { enrollOnlyFor, requestHandlingStep, securityStep } from '../steps/configure-steps.ts';
import { duplicateStep, issueStep, nameStep } from '../steps/template-steps.ts';

const section = 'Deploying the Client Certificate for Distribution Points';
const create = `${section} › Creating and Issuing a Custom Workstation Authentication Certificate Template`;
const request = `${section} › Requesting the Custom Workstation Authentication Certificate`;
const exporting = `${section} › Exporting the Client Certificate for Distribution Points`;

/** The seed's fourth deployment: an exportable client certificate imported into the distribution point. */
export const dpClientCertificate = defineProcedure({
  id: 'dp-client-certificate',
  title: 'Client certificate for distribution points',
  seedSection: section,
  summary:
    'Duplicate Workstation Authentication with an exportable key for ConfigMgr IIS Servers, enroll SERVER1, export a PFX and import it in the distribution point properties (also used for PXE and boot media).',
  phases: [
    phase('duplicate', [
      duplicateStep(create, 'Workstation Authentication'),
      nameStep(create, 'ConfigMgr Client Distribution Point Certificate', 'dp-client'),
    ]),
    phase('configure', [
      requestHandlingStep(create),
      securityStep(
        create,
        enrollOnlyFor(() => 'ConfigMgr IIS Servers', ['Enterprise Admins']),
        'Take Enroll away from Enterprise Admins and let the IIS server group (the distribution points) Read and Enroll.',
      ),
    ]),
    phase('issue', [issueStep(create)]),
    phase('request', [
      requestStep(
        request,
        { computer: contoso.siteServer, dnsNames: [] },
        'Enroll the distribution point server; the template builds the subject from AD, so the wizard needs no extra information.',
      ),
      verifyCertificateStep(request, 'verify', { computer: contoso.siteServer, purpose: 'Client Authentication' }),
    ]),
    phase(
      'deploy',
      [
        exportStep(exporting, { computer: contoso.siteServer, file: 'dp-client.pfx', password: 'Pa55w.rd-DPClient' }),
        importDpCertificateStep(exporting, contoso.siteServer),
      ],
      'Export the PFX and import it in the distribution point',
    ),
  ],
  events: [
    'TemplateDuplicated',
    'TemplateRequestHandlingChanged',
    'TemplatePermissionsChanged',
    'TemplateIssued',
    'CertificateIssued',
    'CertificateInstalled',
    'CertificateVerified',
    'CertificateExported',
    'DistributionPointCertificateImported',
  ],
  test: 'test/workflows/procedures/dp-client.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const dpClientMachine = machineOf(dpClientCertificate);
