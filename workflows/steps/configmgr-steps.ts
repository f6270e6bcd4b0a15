import { z } from 'zod';
import { HostName, contoso, type EnrollmentPlatform, type Secret } from '../../domain/index.ts';
import { hostNameText, choiceOf, optionalText, secret, text } from '../kit/choices.ts';
import { stepKey, type ProcedureContext, type StepDefinition } from '../kit/procedure.ts';
import { exportCertificate, requestCertificate } from './host-steps.ts';
import { templateOf } from './template-steps.ts';

interface GpoChoice {
  readonly name: string;
  readonly linkToDomain: boolean;
}
/** The GPO the procedure created. */
const createGpo = stepKey<GpoChoice>('create-gpo');

export const createGpoStep = (seed: string, name: string): StepDefinition<GpoChoice> => ({
  id: createGpo.id,
  title: `Create the GPO "${name}" and link it to the domain`,
  purpose:
    'A new Group Policy object linked at the domain reaches every domain computer, the management point included, without touching the Default Domain Policy.',
  seed,
  minutes: 3,
  skippable: false,
  seedChoice: () => ({ name, linkToDomain: true }),
  ...choiceOf(z.strictObject({ name: text, linkToDomain: z.boolean().default(true) })),
  commands: (choice) => [{ type: 'CreateGpo', name: choice.name, linkToDomain: choice.linkToDomain }],
});

interface AutoenrollmentChoice {
  readonly configurationModel: 'enabled' | 'disabled' | 'not-configured';
  readonly renewExpired: boolean;
  readonly updateTemplates: boolean;
}

export const autoenrollmentPolicyStep = (seed: string): StepDefinition<AutoenrollmentChoice> => ({
  id: 'autoenrollment-policy',
  title: 'Enable Certificate Services Client – Auto-Enrollment in the GPO',
  purpose:
    'Under Computer Configuration › Public Key Policies, set the Configuration Model to Enabled and check both boxes, so computers enroll for templates they may autoenroll and keep those certificates current.',
  seed,
  minutes: 3,
  skippable: false,
  seedChoice: () => ({ configurationModel: 'enabled', renewExpired: true, updateTemplates: true }),
  dialog: () => [
    {
      label: 'Enabled, "Update certificates that use certificate templates" cleared',
      choice: { configurationModel: 'enabled', renewExpired: true, updateTemplates: false },
    },
    { label: 'Enabled, both boxes cleared', choice: { configurationModel: 'enabled', renewExpired: false, updateTemplates: false } },
    { label: 'Configuration Model Disabled', choice: { configurationModel: 'disabled', renewExpired: false, updateTemplates: false } },
  ],
  variants: () => [
    {
      label: 'Configuration Model left Not configured',
      choice: { configurationModel: 'not-configured', renewExpired: false, updateTemplates: false },
    },
  ],
  ...choiceOf(
    z.strictObject({
      configurationModel: z.enum(['enabled', 'disabled', 'not-configured']),
      renewExpired: z.boolean().default(false),
      updateTemplates: z.boolean().default(false),
    }),
  ),
  commands: (choice, context) => [{ type: 'ConfigureAutoenrollmentPolicy', gpo: createGpo.read(context)!.name, policy: choice }],
});

/** A PFX file and the password typed in the import wizard: any string (a wrong one is worth rehearsing) or a sealed reference. */
interface PfxChoice {
  readonly file: string;
  readonly password: Secret;
}
const exported = (context: ProcedureContext): PfxChoice => {
  const choice = exportCertificate.read(context);
  return { file: choice?.file ?? '(not exported)', password: choice?.password ?? '' };
};
const pfxFields = { file: text, password: secret };

export const createCloudDpStep = (seed: string, serviceFqdn: string): StepDefinition<PfxChoice & { serviceFqdn: string }> => ({
  id: 'create-cloud-dp',
  title: 'Create the cloud distribution point, importing the PFX',
  purpose:
    'In the ConfigMgr console, the Create Cloud Distribution Point wizard takes the service certificate as a PFX file and its password; its common name becomes the service name clients resolve.',
  seed,
  minutes: 5,
  skippable: true,
  seedChoice: (context) => ({ serviceFqdn, ...exported(context) }),
  ...choiceOf(z.strictObject({ serviceFqdn: text, ...pfxFields })),
  commands: (choice) => [
    { type: 'CreateCloudDistributionPoint', serviceFqdn: choice.serviceFqdn, pfx: { file: choice.file, password: choice.password } },
  ],
});

type DpImportChoice = PfxChoice & { host: string; pxe: boolean; bootMedia: boolean };

export const importDpCertificateStep = (seed: string, host: string): StepDefinition<DpImportChoice> => ({
  id: 'import-dp-certificate',
  title: `Import the PFX in ${host}'s distribution point properties`,
  purpose:
    'The distribution point authenticates to HTTPS management points with this certificate, hands it to computers that PXE boot, and the same file serves boot media that do not use PXE.',
  seed,
  minutes: 3,
  skippable: true,
  seedChoice: (context) => ({ host, pxe: true, bootMedia: true, ...exported(context) }),
  ...choiceOf(z.strictObject({ host: hostNameText, ...pfxFields, pxe: z.boolean().default(true), bootMedia: z.boolean().default(true) })),
  commands: (choice) => [
    {
      type: 'ImportDistributionPointCertificate',
      host: HostName(choice.host),
      pfx: { file: choice.file, password: choice.password },
      pxe: choice.pxe,
      bootMedia: choice.bootMedia,
    },
  ],
});

export const enrollmentProfileStep = (seed: string, platform: EnrollmentPlatform): StepDefinition<{ template?: string }> => ({
  id: 'enrollment-profile',
  title: `Select the template in the ${platform === 'mac' ? 'Mac' : 'mobile device'} enrollment profile (client settings)`,
  purpose:
    'ConfigMgr requests enrollment certificates itself; the enrollment profile in client settings names the template it asks the CA for.',
  seed,
  minutes: 2,
  skippable: true,
  seedChoice: () => ({}),
  ...choiceOf(z.strictObject({ template: optionalText })),
  commands: (choice, context) => [{ type: 'SetEnrollmentProfile', platform, template: choice.template ?? templateOf(context) }],
});

interface DeviceChoice {
  readonly user: string;
  readonly device: string;
}

export const enrollDeviceStep = (seed: string, platform: EnrollmentPlatform, defaults: DeviceChoice): StepDefinition<DeviceChoice> => ({
  id: 'enroll-device',
  title: `Enroll ${defaults.user}'s ${platform === 'mac' ? 'Mac' : 'mobile device'} (simulated)`,
  purpose:
    "A user of the enrolling group enrolls a device; ConfigMgr asks the CA for a certificate from the profile's template on the user's behalf and installs it on the device.",
  seed,
  minutes: 5,
  skippable: true,
  seedChoice: () => defaults,
  ...choiceOf(z.strictObject({ user: text, device: hostNameText })),
  commands: (choice) => [{ type: 'EnrollDevice', user: choice.user, device: HostName(choice.device), platform }],
});

interface SiteSystemChoice {
  readonly host: string;
  readonly intranetFqdn: string;
  readonly internetFqdn?: string;
}
/** The FQDNs the site system was configured with. */
export const siteSystem = stepKey<SiteSystemChoice>('site-system');

export const siteSystemStep = (seed: string): StepDefinition<SiteSystemChoice> => ({
  id: siteSystem.id,
  title: 'Configure the site system with the same FQDNs',
  purpose:
    'When the site system role is installed, its intranet and Internet FQDNs must be the names in the certificate, or clients will refuse the HTTPS connection.',
  seed,
  minutes: 3,
  skippable: true,
  seedChoice: (context) => {
    const names = requestCertificate.read(context)?.dnsNames ?? [];
    return { host: contoso.siteServer, intranetFqdn: names[0] ?? contoso.intranetFqdn, ...(names[1] ? { internetFqdn: names[1] } : {}) };
  },
  ...choiceOf(z.strictObject({ host: hostNameText, intranetFqdn: text, internetFqdn: optionalText })),
  commands: (choice) => [
    {
      type: 'ConfigureSiteSystem',
      host: HostName(choice.host),
      intranetFqdn: choice.intranetFqdn,
      ...(choice.internetFqdn ? { internetFqdn: choice.internetFqdn } : {}),
    },
  ],
});
