/**
 * The seed's first deployment: a web server certificate for the site systems that run IIS.
 *
 * Machine: `iisWebServerMachine` below (built by workflows/kit/machine.ts): one parent state per phase
 * below, each holding its steps in order, then `done`; draw it with `pkilab procedures --mermaid`.
 * Events: `events` below (what its steps can produce; `pkilab procedures --events` lists them).
 * Test: test/workflows/procedures/iis-web-server.test.ts (given/when/then on this procedure).
 */
import { z } from 'zod';
import { HostName, Thumbprint, contoso } from '../../domain/index.ts';
import { hostNameText, choiceOf, names, optionalText, text, wording } from '../kit/choices.ts';
import { machineOf } from '../kit/machine.ts';
import { defineProcedure, phase, stepKey, type StepDefinition } from '../kit/procedure.ts';
import { siteSystem, siteSystemStep } from '../steps/configmgr-steps.ts';
import { securityStep, subjectNameStep, enrollOnlyFor } from '../steps/configure-steps.ts';
import { requestCertificate, requestStep } from '../steps/host-steps.ts';
import { createGroupStep, duplicateStep, groupOf, issueStep, nameStep, restartStep, templateOf } from '../steps/template-steps.ts';

const section = 'Deploying the Web Server Certificate for Site Systems that Run IIS';
const create = `${section} › Creating and Issuing the Web Server Certificate Template`;
const request = `${section} › Requesting the Web Server Certificate`;
const configure = `${section} › Configuring IIS to Use the Web Server Certificate`;

// ─── The steps only this procedure has ───

const port = z.int().min(1).max(65535).register(wording, { expected: 'a TCP port from 1 to 65535' });
const bindSchema = z.strictObject({ computer: hostNameText, site: text, port: port.default(443), thumbprint: optionalText });
interface BindChoice {
  readonly computer: string;
  readonly site: string;
  readonly port: number;
  readonly thumbprint?: string;
}
/** The https binding the certificate was bound to. */
const bind = stepKey<BindChoice>('bind');

const bindStep: StepDefinition<BindChoice> = {
  id: bind.id,
  title: 'Bind the certificate to https on Default Web Site (IIS Manager)',
  purpose: 'Edit the https binding of Default Web Site and select the certificate just enrolled, so IIS presents it to clients.',
  seed: configure,
  minutes: 2,
  skippable: false,
  seedChoice: () => ({ computer: contoso.siteServer, site: contoso.defaultWebSite, port: 443 }),
  ...choiceOf(bindSchema),
  commands: (choice, context) => [
    {
      type: 'BindCertificate',
      host: HostName(choice.computer),
      site: choice.site,
      port: choice.port,
      certificate: choice.thumbprint ? { thumbprint: Thumbprint(choice.thumbprint) } : { template: templateOf(context) },
    },
  ],
};

const verifySchema = z.strictObject({ names });

const verifyStep: StepDefinition<z.output<typeof verifySchema>> = {
  id: 'verify',
  title: 'Check the binding against the requested certificate',
  purpose:
    'Compare the thumbprint IIS presents with the certificate requested from the template, and check that it names every FQDN ' +
    'the site system is configured with, as a client connecting by those names would.',
  seed: configure,
  minutes: 2,
  skippable: true,
  seedChoice: (context) => {
    const site = siteSystem.read(context);
    const requested = requestCertificate.read(context)?.dnsNames ?? [contoso.intranetFqdn];
    return { names: site ? [site.intranetFqdn, ...(site.internetFqdn ? [site.internetFqdn] : [])] : [...requested] };
  },
  ...choiceOf(verifySchema),
  commands: (choice, context) => {
    const bound = bind.read(context)!;
    return [
      { type: 'VerifyBinding', host: HostName(bound.computer), site: bound.site, template: templateOf(context), names: choice.names },
    ];
  },
};

// ─── The procedure: its phases, its events ───

export const iisWebServerCertificate = defineProcedure({
  id: 'iis-web-server-certificate',
  title: 'Web server certificate for site systems that run IIS',
  seedSection: section,
  summary:
    'Duplicate Web Server for the ConfigMgr IIS Servers group, issue it, enroll SERVER1 with its intranet and Internet FQDNs, ' +
    'and bind the certificate to https.',
  phases: [
    phase('group', [
      createGroupStep(
        create,
        'ConfigMgr IIS Servers',
        [contoso.siteServer],
        'Collect the member servers that will run IIS site systems in one group, so permissions on the template are granted once to the group.',
      ),
    ]),
    phase('duplicate', [
      duplicateStep(create, 'Web Server'),
      nameStep(create, 'ConfigMgr Web Server Certificate', 'site-system-web-server'),
    ]),
    phase('configure', [
      subjectNameStep(
        create,
        { source: 'supply-in-request' },
        'Keep "Supply in the request": the site system\'s FQDNs are typed into the request, since they may differ from its name in AD.',
      ),
      securityStep(
        create,
        enrollOnlyFor(groupOf),
        'Take Enroll away from the administrator groups, which do not need these certificates, and give the IIS server group Read and Enroll.',
      ),
    ]),
    phase('issue', [issueStep(create)]),
    phase('request', [
      restartStep(request, contoso.siteServer),
      requestStep(
        request,
        { computer: contoso.siteServer, dnsNames: [contoso.intranetFqdn, contoso.internetFqdn] },
        'On the IIS server, ask the CA for a certificate from the new template. The subject stays empty; the DNS alternative names ' +
          'carry the intranet and Internet FQDNs that the site system will publish.',
      ),
    ]),
    phase('deploy', [bindStep, siteSystemStep(configure), verifyStep], 'Bind the certificate in IIS and check it'),
  ],
  events: [
    'PrincipalCreated',
    'GroupMemberAdded',
    'TemplateDuplicated',
    'TemplateSubjectNameChanged',
    'TemplatePermissionsChanged',
    'TemplateIssued',
    'ComputerRestarted',
    'AutoenrollmentRan',
    'CertificateIssued',
    'CertificateInstalled',
    'IisBindingChanged',
    'SiteSystemConfigured',
    'IisBindingVerified',
  ],
  test: 'test/workflows/procedures/iis-web-server.test.ts',
});

/** Its machine: the phases above as parent states holding their steps, then `done` (workflows/kit/machine.ts). */
export const iisWebServerMachine = machineOf(iisWebServerCertificate);
