import { contoso } from '../../domain/index.ts';
import { z } from 'zod';
import { choiceOf, names, optionalText, text, wording } from '../choices.ts';
import { requestStep, type RequestChoice } from '../steps/host-steps.ts';
import { siteSystemStep } from '../steps/configmgr-steps.ts';
import type { ProcedureDefinition, StepDefinition } from '../procedure.ts';
import { enrollOnlyFor, createGroupStep, duplicateStep, groupOf, issueStep, nameStep, restartStep, securityStep, subjectNameStep, templateOf } from '../steps/template-steps.ts';

const section = 'Deploying the Web Server Certificate for Site Systems that Run IIS';
const create = `${section} › Creating and Issuing the Web Server Certificate Template`;
const request = `${section} › Requesting the Web Server Certificate`;
const configure = `${section} › Configuring IIS to Use the Web Server Certificate`;

export interface BindChoice { readonly computer: string; readonly site: string; readonly port: number; readonly thumbprint?: string }

const port = z.int().min(1).max(65535).register(wording, { expected: 'a TCP port from 1 to 65535' });

const bindStep: StepDefinition<BindChoice> = {
  id: 'bind',
  title: 'Bind the certificate to https on Default Web Site (IIS Manager)',
  purpose: 'Edit the https binding of Default Web Site and select the certificate just enrolled, so IIS presents it to clients.',
  seed: configure,
  minutes: 2,
  skippable: false,
  seedChoice: () => ({ computer: contoso.siteServer, site: contoso.defaultWebSite, port: 443 }),
  ...choiceOf(z.strictObject({ computer: text, site: text, port: port.default(443), thumbprint: optionalText })),
  commands: (choice, context) => [
    { type: 'BindCertificate', host: choice.computer, site: choice.site, port: choice.port, certificate: choice.thumbprint ? { thumbprint: choice.thumbprint } : { template: templateOf(context) } },
  ],
};

const verifyStep: StepDefinition<{ names: readonly string[] }> = {
  id: 'verify',
  title: 'Check the binding against the requested certificate',
  purpose: 'Compare the thumbprint IIS presents with the certificate requested from the template, and check that it names every FQDN the site system is configured with, as a client connecting by those names would.',
  seed: configure,
  minutes: 2,
  skippable: true,
  seedChoice: (context) => {
    const site = context.choices['site-system'] as { intranetFqdn: string; internetFqdn?: string } | null | undefined;
    const requested = (context.choices['request-certificate'] as RequestChoice | undefined)?.dnsNames ?? [contoso.intranetFqdn];
    return { names: site ? [site.intranetFqdn, ...(site.internetFqdn ? [site.internetFqdn] : [])] : requested };
  },
  ...choiceOf(z.strictObject({ names })),
  commands: (choice, context) => {
    const bound = context.choices.bind as BindChoice;
    return [{ type: 'VerifyBinding', host: bound.computer, site: bound.site, template: templateOf(context), names: choice.names }];
  },
};

/** The seed's first deployment: a web server certificate bound to IIS on a ConfigMgr site system. */
export const iisWebServerCertificate: ProcedureDefinition = {
  id: 'iis-web-server-certificate',
  title: 'Web server certificate for site systems that run IIS',
  seedSection: section,
  summary: 'Duplicate Web Server for the ConfigMgr IIS Servers group, issue it, enroll SERVER1 with its intranet and Internet FQDNs, and bind the certificate to https.',
  steps: [
    createGroupStep(create, 'ConfigMgr IIS Servers', [contoso.siteServer], 'Collect the member servers that will run IIS site systems in one group, so permissions on the template are granted once to the group.'),
    duplicateStep(create, 'Web Server'),
    nameStep(create, 'ConfigMgr Web Server Certificate', 'site-system-web-server'),
    subjectNameStep(create, { source: 'supply-in-request' }, 'Keep "Supply in the request": the site system\'s FQDNs are typed into the request, since they may differ from its name in AD.'),
    securityStep(
      create,
      enrollOnlyFor(groupOf),
      'Take Enroll away from the administrator groups, which do not need these certificates, and give the IIS server group Read and Enroll.',
    ),
    issueStep(create),
    restartStep(request, contoso.siteServer),
    requestStep(
      request,
      { computer: contoso.siteServer, dnsNames: [contoso.intranetFqdn, contoso.internetFqdn] },
      'On the IIS server, ask the CA for a certificate from the new template. The subject stays empty; the DNS alternative names carry the intranet and Internet FQDNs that the site system will publish.',
    ),
    bindStep,
    siteSystemStep(configure),
    verifyStep,
  ],
};
