import { z } from 'zod';
import { HostName, contoso } from '../../domain/index.ts';
import { hostNameText, choiceOf, optionalText, text } from '../kit/choices.ts';
import { stepKey, type StepDefinition } from '../kit/procedure.ts';
import { templateOf } from './template-steps.ts';

// The steps only AMT's procedures take (workflows/procedures/amt.ts); each is given the seed section it follows.

/** The out of band service point presents the provisioning certificate; this selects it in the point's properties. */
export const selectInServicePointStep = (seed: string): StepDefinition<{ host: string }> => ({
  id: 'select-in-service-point',
  title: 'Select the provisioning certificate in the out of band service point properties',
  purpose:
    "The out of band service point presents this certificate to AMT computers during provisioning; it must carry the AMT Provisioning policy and the service point's FQDN.",
  seed,
  minutes: 2,
  skippable: true,
  seedChoice: () => ({ host: contoso.siteServer }),
  ...choiceOf(z.strictObject({ host: hostNameText })),
  commands: (choice, context) => [
    { type: 'ConfigureOutOfBandServicePoint', host: HostName(choice.host), certificate: { template: templateOf(context) } },
  ],
});

interface ComponentChoice {
  amtGroup: string;
  webServerTemplate: string;
  clientAuthTemplate?: string;
}
/** The AMT group and templates the out of band management component names. */
const oobComponent = stepKey<ComponentChoice>('out-of-band-component');

/** The out of band management component: the AMT group and the templates ConfigMgr requests from. */
export const oobComponentStep = (seed: string): StepDefinition<ComponentChoice> => ({
  id: oobComponent.id,
  title: 'Select the templates in the out of band management component',
  purpose: 'The component names the AMT group and the templates ConfigMgr requests certificates from when it provisions an AMT computer.',
  seed,
  minutes: 2,
  skippable: false,
  seedChoice: (context) => ({
    amtGroup: 'ConfigMgr AMT Computers',
    webServerTemplate: 'ConfigMgr AMT Web Server Certificate',
    clientAuthTemplate: templateOf(context),
  }),
  ...choiceOf(z.strictObject({ amtGroup: text, webServerTemplate: text, clientAuthTemplate: optionalText })),
  commands: (choice) => [{ type: 'ConfigureOutOfBandManagement', ...choice }],
});

/** ConfigMgr provisions one AMT computer with the component's templates (needs oobComponentStep before it). */
export const provisionAmtStep = (seed: string): StepDefinition<{ computer: string; fqdn: string }> => ({
  id: 'provision-amt',
  title: `Provision ${contoso.amtComputer} for out of band management (simulated)`,
  purpose:
    "ConfigMgr creates the AMT computer's account in the AMT group and requests its web server and 802.1X certificates, which go into the management controller rather than a Windows store.",
  seed,
  minutes: 10,
  skippable: true,
  seedChoice: () => ({ computer: contoso.amtComputer, fqdn: contoso.amtFqdn }),
  ...choiceOf(z.strictObject({ computer: hostNameText, fqdn: text })),
  commands: (choice, context) => {
    const component = oobComponent.read(context)!;
    return [
      { type: 'ProvisionAmtComputer', computer: HostName(choice.computer), fqdn: choice.fqdn },
      {
        type: 'RequestCertificate',
        requester: choice.computer,
        store: 'amt-firmware',
        template: component.webServerTemplate,
        dnsNames: [],
      },
      ...(component.clientAuthTemplate
        ? [
            {
              type: 'RequestCertificate' as const,
              requester: choice.computer,
              store: 'amt-firmware' as const,
              template: component.clientAuthTemplate,
              dnsNames: [],
            },
          ]
        : []),
    ];
  },
});
