import { contoso, type EnrollmentPlatform } from '../../domain/index.ts';
import { ChoiceError, object, oneOf, onlyKeys, optionalString, string } from '../choices.ts';
import type { ProcedureContext, StepDefinition } from '../procedure.ts';
import { templateOf } from './template-steps.ts';

const bool = (value: unknown, path: string, fallback: boolean): boolean => {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ChoiceError(path, 'true or false', value);
  return value;
};

export interface GpoChoice { readonly name: string; readonly linkToDomain: boolean }

export const createGpoStep = (seed: string, name: string): StepDefinition<GpoChoice> => ({
  id: 'create-gpo',
  title: `Create the GPO "${name}" and link it to the domain`,
  purpose: 'A new Group Policy object linked at the domain reaches every domain computer, the management point included, without touching the Default Domain Policy.',
  seed,
  minutes: 3,
  skippable: false,
  seedChoice: () => ({ name, linkToDomain: true }),
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['name', 'linkToDomain'], path);
    return { name: string(o.name, `${path}.name`), linkToDomain: bool(o.linkToDomain, `${path}.linkToDomain`, true) };
  },
  commands: (choice) => [{ type: 'CreateGpo', name: choice.name, linkToDomain: choice.linkToDomain }],
});

export interface AutoenrollmentChoice { readonly configurationModel: 'enabled' | 'disabled' | 'not-configured'; readonly renewExpired: boolean; readonly updateTemplates: boolean }

export const autoenrollmentPolicyStep = (seed: string): StepDefinition<AutoenrollmentChoice> => ({
  id: 'autoenrollment-policy',
  title: 'Enable Certificate Services Client – Auto-Enrollment in the GPO',
  purpose: 'Under Computer Configuration › Public Key Policies, set the Configuration Model to Enabled and check both boxes, so computers enroll for templates they may autoenroll and keep those certificates current.',
  seed,
  minutes: 3,
  skippable: false,
  seedChoice: () => ({ configurationModel: 'enabled', renewExpired: true, updateTemplates: true }),
  dialog: () => [
    { label: 'Enabled, "Update certificates that use certificate templates" cleared', choice: { configurationModel: 'enabled', renewExpired: true, updateTemplates: false } },
    { label: 'Enabled, both boxes cleared', choice: { configurationModel: 'enabled', renewExpired: false, updateTemplates: false } },
    { label: 'Configuration Model Disabled', choice: { configurationModel: 'disabled', renewExpired: false, updateTemplates: false } },
  ],
  variants: () => [{ label: 'Configuration Model left Not configured', choice: { configurationModel: 'not-configured', renewExpired: false, updateTemplates: false } }],
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['configurationModel', 'renewExpired', 'updateTemplates'], path);
    return {
      configurationModel: oneOf(o.configurationModel, ['enabled', 'disabled', 'not-configured'] as const, `${path}.configurationModel`),
      renewExpired: bool(o.renewExpired, `${path}.renewExpired`, false),
      updateTemplates: bool(o.updateTemplates, `${path}.updateTemplates`, false),
    };
  },
  commands: (choice, context) => [{ type: 'ConfigureAutoenrollmentPolicy', gpo: (context.choices['create-gpo'] as GpoChoice).name, policy: choice }],
});

export interface PfxChoice { readonly file: string; readonly password: string }
const exported = (context: ProcedureContext): PfxChoice => {
  const choice = context.choices.export as PfxChoice | null | undefined;
  return { file: choice?.file ?? '(not exported)', password: choice?.password ?? '' };
};
const parsePfx = (o: Record<string, unknown>, path: string): PfxChoice => ({ file: string(o.file, `${path}.file`), password: typeof o.password === 'string' ? o.password : string(o.password, `${path}.password`) });

export const createCloudDpStep = (seed: string, serviceFqdn: string): StepDefinition<PfxChoice & { serviceFqdn: string }> => ({
  id: 'create-cloud-dp',
  title: 'Create the cloud distribution point, importing the PFX',
  purpose: 'In the ConfigMgr console, the Create Cloud Distribution Point wizard takes the service certificate as a PFX file and its password; its common name becomes the service name clients resolve.',
  seed,
  minutes: 5,
  skippable: true,
  seedChoice: (context) => ({ serviceFqdn, ...exported(context) }),
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['serviceFqdn', 'file', 'password'], path);
    return { serviceFqdn: string(o.serviceFqdn, `${path}.serviceFqdn`), ...parsePfx(o, path) };
  },
  commands: (choice) => [{ type: 'CreateCloudDistributionPoint', serviceFqdn: choice.serviceFqdn, pfx: { file: choice.file, password: choice.password } }],
});

export const importDpCertificateStep = (seed: string, host: string): StepDefinition<PfxChoice & { host: string; pxe: boolean; bootMedia: boolean }> => ({
  id: 'import-dp-certificate',
  title: `Import the PFX in ${host}'s distribution point properties`,
  purpose: 'The distribution point authenticates to HTTPS management points with this certificate, hands it to computers that PXE boot, and the same file serves boot media that do not use PXE.',
  seed,
  minutes: 3,
  skippable: true,
  seedChoice: (context) => ({ host, pxe: true, bootMedia: true, ...exported(context) }),
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['host', 'file', 'password', 'pxe', 'bootMedia'], path);
    return { host: string(o.host, `${path}.host`), pxe: bool(o.pxe, `${path}.pxe`, true), bootMedia: bool(o.bootMedia, `${path}.bootMedia`, true), ...parsePfx(o, path) };
  },
  commands: (choice) => [{ type: 'ImportDistributionPointCertificate', host: choice.host, pfx: { file: choice.file, password: choice.password }, pxe: choice.pxe, bootMedia: choice.bootMedia }],
});

export const enrollmentProfileStep = (seed: string, platform: EnrollmentPlatform): StepDefinition<{ template?: string }> => ({
  id: 'enrollment-profile',
  title: `Select the template in the ${platform === 'mac' ? 'Mac' : 'mobile device'} enrollment profile (client settings)`,
  purpose: 'ConfigMgr requests enrollment certificates itself; the enrollment profile in client settings names the template it asks the CA for.',
  seed,
  minutes: 2,
  skippable: true,
  seedChoice: () => ({}),
  parse: (value, path) => ({ template: optionalString(onlyKeys(object(value, path), ['template'], path).template, `${path}.template`) }),
  commands: (choice, context) => [{ type: 'SetEnrollmentProfile', platform, template: choice.template ?? templateOf(context) }],
});

export interface DeviceChoice { readonly user: string; readonly device: string }

export const enrollDeviceStep = (seed: string, platform: EnrollmentPlatform, defaults: DeviceChoice): StepDefinition<DeviceChoice> => ({
  id: 'enroll-device',
  title: `Enroll ${defaults.user}'s ${platform === 'mac' ? 'Mac' : 'mobile device'} (simulated)`,
  purpose: 'A user of the enrolling group enrolls a device; ConfigMgr asks the CA for a certificate from the profile\'s template on the user\'s behalf and installs it on the device.',
  seed,
  minutes: 5,
  skippable: true,
  seedChoice: () => defaults,
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['user', 'device'], path);
    return { user: string(o.user, `${path}.user`), device: string(o.device, `${path}.device`) };
  },
  commands: (choice) => [{ type: 'EnrollDevice', user: choice.user, device: choice.device, platform }],
});

export const siteSystemStep = (seed: string): StepDefinition<{ host: string; intranetFqdn: string; internetFqdn?: string }> => ({
  id: 'site-system',
  title: 'Configure the site system with the same FQDNs',
  purpose: 'When the site system role is installed, its intranet and Internet FQDNs must be the names in the certificate, or clients will refuse the HTTPS connection.',
  seed,
  minutes: 3,
  skippable: true,
  seedChoice: (context) => {
    const names = (context.choices['request-certificate'] as { dnsNames?: string[] } | undefined)?.dnsNames ?? [];
    return { host: contoso.siteServer, intranetFqdn: names[0] ?? contoso.intranetFqdn, ...(names[1] ? { internetFqdn: names[1] } : {}) };
  },
  parse: (value, path) => {
    const o = onlyKeys(object(value, path), ['host', 'intranetFqdn', 'internetFqdn'], path);
    return { host: string(o.host, `${path}.host`), intranetFqdn: string(o.intranetFqdn, `${path}.intranetFqdn`), internetFqdn: optionalString(o.internetFqdn, `${path}.internetFqdn`) };
  },
  commands: (choice) => [{ type: 'ConfigureSiteSystem', host: choice.host, intranetFqdn: choice.intranetFqdn, ...(choice.internetFqdn ? { internetFqdn: choice.internetFqdn } : {}) }],
});
