import { z } from 'zod';
import { HostName, contoso, pfxEncryptions, type PfxEncryption, type Secret } from '../../domain/index.ts';
import { hostNameText, choiceOf, names, optionalText, strongSecret, text, wording } from '../kit/choices.ts';
import { stepKey, type StepDefinition } from '../kit/procedure.ts';
import { templateOf } from './template-steps.ts';

interface RequestChoice {
  readonly computer: string;
  readonly commonName?: string;
  readonly dnsNames: readonly string[];
}
/** What the certificate request asked for. */
export const requestCertificate = stepKey<RequestChoice>('request-certificate');

/** Request New Certificate in the Certificates snap-in (Computer account) of `computer`. */
export const requestStep = (seed: string, defaults: RequestChoice, purpose: string): StepDefinition<RequestChoice> => ({
  id: requestCertificate.id,
  title: `Request the certificate on ${defaults.computer} (Certificates snap-in, Computer account)`,
  purpose,
  seed,
  minutes: 4,
  skippable: false,
  seedChoice: () => defaults,
  dialog: () => [
    {
      label: "Subject common name = the computer's intranet FQDN, no alternative name",
      choice: {
        computer: defaults.computer,
        commonName: defaults.dnsNames[0] ?? `${defaults.computer.toLowerCase()}.contoso.com`,
        dnsNames: [],
      },
    },
    ...(defaults.dnsNames.length > 1
      ? [
          {
            label: 'DNS alternative name: the intranet FQDN only',
            choice: { computer: defaults.computer, dnsNames: defaults.dnsNames.slice(0, 1) },
          },
        ]
      : []),
    { label: 'No subject and no alternative name', choice: { computer: defaults.computer, dnsNames: [] } },
  ],
  ...choiceOf(z.strictObject({ computer: text, commonName: optionalText, dnsNames: names.default([]) })),
  commands: (choice, context) => [
    {
      type: 'RequestCertificate',
      requester: choice.computer,
      store: 'personal',
      template: templateOf(context),
      ...(choice.commonName ? { commonName: choice.commonName } : {}),
      dnsNames: choice.dnsNames,
    },
  ],
});

const pfxEncryption = z
  .enum(pfxEncryptions)
  .register(wording, { expected: 'the Encryption list of the export wizard: TripleDES-SHA1 or AES256-SHA256' });

interface ExportChoice {
  readonly computer: string;
  readonly file: string;
  readonly password: Secret;
  readonly encryption?: PfxEncryption;
}
/** The PFX file the export wrote, and its password (sealed). */
export const exportCertificate = stepKey<ExportChoice>('export');

/** Certificate Export Wizard: with the private key, PKCS #12, a password, a file. */
export const exportStep = (seed: string, defaults: ExportChoice): StepDefinition<ExportChoice> => ({
  id: exportCertificate.id,
  title: 'Export the certificate with its private key to a PFX file',
  purpose:
    'ConfigMgr imports this certificate as a file, so it leaves the computer as a password-protected PKCS #12 (.pfx) ' +
    'with its private key. Keep the file and its password safe. Windows 10 1709 / Server 2019 and later offer an ' +
    'Encryption list (AES256-SHA256 first, or TripleDES-SHA1 for older importers); earlier Windows always write TripleDES-SHA1.',
  seed,
  minutes: 3,
  skippable: false,
  seedChoice: () => defaults,
  dialog: () =>
    pfxEncryptions.map((encryption) => ({
      label: `Encryption: ${encryption} (the list Windows 10 1709 / Server 2019 and later show)`,
      choice: { ...defaults, encryption },
    })),
  ...choiceOf(z.strictObject({ computer: hostNameText, file: text, password: strongSecret, encryption: pfxEncryption.optional() })),
  commands: (choice, context) => [
    {
      type: 'ExportCertificate',
      host: HostName(choice.computer),
      certificate: { template: templateOf(context) },
      file: choice.file,
      password: choice.password,
      ...(choice.encryption ? { encryption: choice.encryption } : {}),
    },
  ],
});

interface VerifyChoice {
  readonly computer: string;
  readonly purpose: string;
}

/** Look in Certificates (Local Computer) › Personal for the template's certificate and its purpose. */
export const verifyCertificateStep = (seed: string, id: string, defaults: VerifyChoice): StepDefinition<VerifyChoice> => ({
  id,
  title: `Check ${defaults.computer}'s personal store`,
  purpose: `Confirm that ${defaults.computer} holds a certificate whose Intended Purpose shows ${defaults.purpose} and whose Certificate Template column names the new template.`,
  seed,
  minutes: 2,
  skippable: true,
  seedChoice: () => defaults,
  ...choiceOf(z.strictObject({ computer: hostNameText, purpose: text })),
  commands: (choice, context) => [
    { type: 'VerifyCertificate', host: HostName(choice.computer), template: templateOf(context), purpose: choice.purpose },
  ],
});

const waitMinutes = z
  .int()
  .min(1)
  .max(7 * 24 * 60)
  .register(wording, { expected: 'a whole number of minutes from 1 to 10080 (a week)' });

/** Let simulated time pass (a few minutes after logon, or hours for the autoenrollment timer). */
export const waitStep = (seed: string, minutes: number, purpose: string): StepDefinition<{ minutes: number }> => ({
  id: 'wait',
  title: `Wait ${minutes} minutes`,
  purpose,
  seed,
  minutes: (choice) => choice.minutes,
  skippable: true,
  seedChoice: () => ({ minutes }),
  ...choiceOf(z.strictObject({ minutes: waitMinutes })),
  commands: () => [],
});

const siteServer = contoso.siteServer;
