// Machines: amtProvisioningMachine, amtWebServerMachine and amt8021xClientMachine, each after its procedure
// (phases holding steps, built by workflows/kit/machine.ts).
// Events: `events` in the definition (`pkilab procedures --events`). Test: test/workflows/procedures/amt.test.ts.
import { contoso, oid } from '../../domain/index.ts';
import { machineOf } from '../kit/machine.ts';
import { defineProcedure, phase } from '../kit/procedure.ts';
import { oobComponentStep, provisionAmtStep, selectInServicePointStep } from '../steps/amt-steps.ts';
import { requestStep } from '../steps/host-steps.ts';
import { enrollOnlyFor, applicationPolicyStep, securityStep, subjectNameStep } from '../steps/configure-steps.ts';
import { createGroupStep, duplicateStep, groupOf, issueStep, nameStep, restartStep } from '../steps/template-steps.ts';

const section = 'Deploying the Certificates for AMT';
const provisioning = `${section} › Creating, Issuing, and Installing the AMT Provisioning Certificate`;
const webServer = `${section} › Creating and Issuing the Web Server Certificate for AMT-Based Computers`;
const dot1x = `${section} › Creating and Issuing the Client Authentication Certificates for 802.1X AMT-Based Computers`;

const adminsLoseEnroll = enrollOnlyFor(groupOf);

export const amtProvisioningCertificate = defineProcedure({
  id: 'amt-provisioning-certificate',
  title: 'AMT provisioning certificate',
  seedSection: section,
  summary:
    'Duplicate Web Server with a subject built from AD and the AMT Provisioning application policy, enroll the out of band service point server, and select the certificate in its properties.',
  phases: [
    phase('group', [
      createGroupStep(
        provisioning,
        'ConfigMgr Out of Band Service Points',
        [contoso.siteServer],
        'Collect the computer accounts of the servers that run the out of band service point.',
      ),
    ]),
    phase('duplicate', [
      duplicateStep(provisioning, 'Web Server'),
      nameStep(provisioning, 'ConfigMgr AMT Provisioning', 'amt-provisioning'),
    ]),
    phase('configure', [
      subjectNameStep(
        provisioning,
        { source: 'build-from-ad', format: 'common-name', altNames: [] },
        "Build the subject from AD as a common name: the CA writes the service point's FQDN there, as AMT requires.",
      ),
      applicationPolicyStep(provisioning, 'AMT Provisioning', oid.amtProvisioning),
      securityStep(
        provisioning,
        adminsLoseEnroll,
        'Take Enroll away from the administrator groups and give the service point group Read and Enroll.',
      ),
    ]),
    phase('issue', [issueStep(provisioning)]),
    phase('request', [
      restartStep(provisioning, contoso.siteServer),
      requestStep(
        provisioning,
        { computer: contoso.siteServer, dnsNames: [] },
        'On the service point server, select the AMT provisioning template in Request Certificates and enroll.',
      ),
    ]),
    phase('deploy', [selectInServicePointStep(provisioning)], 'Select the certificate in the out of band service point'),
  ],
  events: [
    'PrincipalCreated',
    'GroupMemberAdded',
    'TemplateDuplicated',
    'TemplateSubjectNameChanged',
    'TemplateApplicationPolicyAdded',
    'TemplatePermissionsChanged',
    'TemplateIssued',
    'ComputerRestarted',
    'AutoenrollmentRan',
    'CertificateIssued',
    'CertificateInstalled',
    'OutOfBandServicePointConfigured',
  ],
  test: 'test/workflows/procedures/amt.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const amtProvisioningMachine = machineOf(amtProvisioningCertificate);

export const amtWebServerCertificate = defineProcedure({
  id: 'amt-web-server-certificate',
  title: 'Web server certificate for AMT-based computers',
  seedSection: section,
  summary:
    "Create an empty group for the AMT computer accounts ConfigMgr will create, and a Web Server duplicate that builds the AMT computer's FQDN into the subject.",
  phases: [
    phase('group', [
      createGroupStep(
        webServer,
        'ConfigMgr AMT Computers',
        [],
        'Create an empty group; ConfigMgr adds each AMT computer account it creates during provisioning.',
      ),
    ]),
    phase('duplicate', [
      duplicateStep(webServer, 'Web Server'),
      nameStep(webServer, 'ConfigMgr AMT Web Server Certificate', 'amt-web-server'),
    ]),
    phase('configure', [
      subjectNameStep(
        webServer,
        { source: 'build-from-ad', format: 'common-name', altNames: [] },
        "Build the subject from AD as a common name (the AMT computer's FQDN) without the UPN.",
      ),
      securityStep(
        webServer,
        adminsLoseEnroll,
        'Take Enroll away from the administrator groups and give the AMT computer group Read and Enroll.',
      ),
    ]),
    phase('issue', [issueStep(webServer)]),
  ],
  events: ['PrincipalCreated', 'TemplateDuplicated', 'TemplateSubjectNameChanged', 'TemplatePermissionsChanged', 'TemplateIssued'],
  test: 'test/workflows/procedures/amt.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const amtWebServerMachine = machineOf(amtWebServerCertificate);

export const amt8021xClientCertificate = defineProcedure({
  id: 'amt-8021x-client-certificate',
  title: 'Client authentication certificate for 802.1X AMT-based computers',
  seedSection: section,
  summary:
    'Duplicate Workstation Authentication with a CN subject and the UPN (not the DNS name) in the SAN for the AMT group, select the AMT templates in the out of band management component, and provision one AMT computer.',
  phases: [
    phase('duplicate', [
      duplicateStep(dot1x, 'Workstation Authentication'),
      nameStep(dot1x, 'ConfigMgr AMT 802.1X Client Authentication Certificate', 'amt-8021x'),
    ]),
    phase('configure', [
      subjectNameStep(
        dot1x,
        { source: 'build-from-ad', format: 'common-name', altNames: ['upn'] },
        'Build the subject from AD as a common name; in the alternative name, clear the DNS name and select the UPN, which RADIUS servers match.',
      ),
      securityStep(
        dot1x,
        enrollOnlyFor(() => 'ConfigMgr AMT Computers'),
        'Take Enroll away from the administrator groups and give the AMT computer group Read and Enroll.',
      ),
    ]),
    phase('issue', [issueStep(dot1x)]),
    phase('request', [oobComponentStep(dot1x), provisionAmtStep(dot1x)], 'Provision an AMT computer through ConfigMgr'),
  ],
  events: [
    'PrincipalCreated',
    'GroupMemberAdded',
    'TemplateDuplicated',
    'TemplateSubjectNameChanged',
    'TemplatePermissionsChanged',
    'TemplateIssued',
    'OutOfBandManagementConfigured',
    'AmtComputerProvisioned',
    'HostProvisioned',
    'CertificateIssued',
    'CertificateInstalled',
  ],
  test: 'test/workflows/procedures/amt.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const amt8021xClientMachine = machineOf(amt8021xClientCertificate);
