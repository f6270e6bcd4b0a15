import { z } from 'zod';
import { templateRights, type TemplateSettings } from '../../domain/index.ts';
import { ChoiceError, choiceOf, names, text } from '../kit/choices.ts';
import { subjectNameSchema } from '../steps/configure-steps.ts';
import { defineAction } from './definition.ts';

const template = text.describe('the template\'s name or display name, e.g. WebServer or "Web Server"');
const rights = z.array(z.enum(templateRights)).optional();
const days = z
  .int()
  .min(1)
  .max(20 * 365);
const keySize = z
  .int()
  .min(384)
  .max(16384)
  .refine((n) => n % 8 === 0, { error: 'a key size in bits, a multiple of 8 (1024, 2048, 4096…)' });

/** At least one setting must change: an edit that changes nothing is refused by name. */
const someSettings = (path: string, value: Record<string, unknown>, fields: readonly string[]) => {
  if (!fields.some((f) => value[f] !== undefined)) throw new ChoiceError(path, `at least one of ${fields.join(', ')}`, 'none of them');
};

/** One settings tab edit: the action's id, the console tab it edits, its title and purpose, the fields it may change, an example. */
interface SettingsEdit {
  readonly id: string;
  readonly tab: string;
  readonly title: string;
  readonly purpose: string;
  readonly shape: Record<string, z.ZodType>;
  readonly example: Record<string, unknown>;
}

const settingsAction = ({ id, tab, title, purpose, shape, example }: SettingsEdit) => {
  const fields = Object.keys(shape);
  return defineAction({
    id,
    title,
    purpose: `${purpose} Version 1 (built-in) templates are read-only here: duplicate them first.`,
    group: 'templates',
    tool: `Certificate Templates console › template Properties › ${tab}`,
    example: { template: 'ConfigMgr Client Certificate', ...example } as { template: string } & TemplateSettings,
    ...choiceOf(z.strictObject({ template, ...shape }), (value, path) => {
      someSettings(path, value, fields);
      return value as { template: string } & TemplateSettings;
    }),
    minutes: 2,
    commands: ({ template: name, ...settings }) => [{ type: 'ChangeTemplateSettings', template: name, tab, settings }],
  });
};

const editGeneral = settingsAction({
  id: 'edit-template-general',
  tab: 'General',
  title: "Change a template's validity and renewal periods",
  purpose:
    'Validity period of issued certificates, and the renewal period: autoenrollment renews a certificate once its remaining validity falls inside it.',
  shape: {
    validityDays: days.optional(),
    renewalDays: z
      .int()
      .min(0)
      .max(20 * 365)
      .optional(),
  },
  example: { renewalDays: 60 },
});

const setMinimumKeySize = settingsAction({
  id: 'set-minimum-key-size',
  tab: 'Request Handling',
  title: "Set a template's minimum key size",
  purpose:
    'Requests whose key is shorter are refused by the CA (0x80094811); a renewal with the same key fails once the minimum exceeds that key.',
  shape: { minimalKeySize: keySize },
  example: { minimalKeySize: 4096 },
});

const editRequestHandling = settingsAction({
  id: 'edit-template-request-handling',
  tab: 'Request Handling',
  title: "Change a template's Request Handling tab",
  purpose: 'Whether the private key may be exported, and the minimum key size.',
  shape: { exportableKey: z.boolean().optional(), minimalKeySize: keySize.optional() },
  example: { exportableKey: true },
});

const editIssuanceRequirements = settingsAction({
  id: 'edit-template-issuance-requirements',
  tab: 'Issuance Requirements',
  title: 'Require (or stop requiring) CA certificate manager approval',
  purpose: 'With approval required, every request stays pending until a CA manager issues or denies it.',
  shape: { managerApproval: z.boolean() },
  example: { managerApproval: true },
});

const supersedeTemplates = settingsAction({
  id: 'supersede-templates',
  tab: 'Superseded Templates',
  title: 'List the templates a template supersedes',
  purpose: 'Autoenrollment replaces certificates of the superseded templates with one from this template and archives them.',
  shape: { supersedes: names.min(1) },
  example: { supersedes: ['Workstation Authentication'] },
});

const editAutoenrollmentFlag = settingsAction({
  id: 'edit-template-autoenrollment',
  tab: 'Request Handling',
  title: 'Turn autoenrollment on or off for a template',
  purpose: 'Autoenrollment only considers version 2 and later templates with this flag (and Read, Enroll and Autoenroll for the computer).',
  shape: { autoenrollment: z.boolean() },
  example: { autoenrollment: true },
});

const editSubjectName = defineAction({
  id: 'edit-template-subject-name',
  title: "Change a template's Subject Name tab",
  purpose:
    'Supply the subject in the request, or build it from Active Directory (subject format and alternative names). Version 1 templates are read-only here.',
  group: 'templates',
  tool: 'Certificate Templates console › template Properties › Subject Name',
  example: {
    template: 'ConfigMgr Client Certificate',
    subjectName: { source: 'build-from-ad' as const, format: 'common-name' as const, altNames: ['dns' as const] },
  },
  ...choiceOf(z.strictObject({ template, subjectName: subjectNameSchema })),
  minutes: 2,
  commands: (choice) => [{ type: 'ChangeSubjectName', template: choice.template, subjectName: choice.subjectName }],
});

const editSecurity = defineAction({
  id: 'edit-template-security',
  title: "Change a template's Security tab (version 1 templates included)",
  purpose:
    'Allow, deny or remove Read, Write, Enroll, Autoenroll or Full Control for a principal. The Security tab is the one tab of a built-in ' +
    'version 1 template that can change; granting Enroll on Web Server to a broad group is what Certipy reports as ESC15.',
  group: 'templates',
  tool: 'Certificate Templates console › template Properties › Security',
  example: { template: 'WebServer', principal: 'Domain Computers', allow: ['Enroll' as const] },
  ...choiceOf(z.strictObject({ template, principal: text, allow: rights, remove: rights, deny: rights }), (value, path) => {
    someSettings(path, value, ['allow', 'remove', 'deny']);
    return value;
  }),
  minutes: 2,
  commands: ({ template: name, ...edit }) => [{ type: 'ChangeTemplatePermissions', template: name, ...edit }],
});

const editExtensions = defineAction({
  id: 'edit-template-extensions',
  title: "Add an application policy on a template's Extensions tab",
  purpose: 'Adds an application policy (and, for version 2, its enhanced key usage) to certificates issued from the template.',
  group: 'templates',
  tool: 'Certificate Templates console › template Properties › Extensions › Application Policies',
  example: { template: 'ConfigMgr Client Certificate', name: 'Server Authentication', oid: '1.3.6.1.5.5.7.3.1' },
  ...choiceOf(z.strictObject({ template, name: text, oid: z.string().regex(/^\d+(\.\d+)+$/) })),
  minutes: 2,
  commands: (choice) => [{ type: 'AddApplicationPolicy', template: choice.template, name: choice.name, oid: choice.oid }],
});

export const templateActions = [
  editGeneral,
  editRequestHandling,
  setMinimumKeySize,
  editIssuanceRequirements,
  supersedeTemplates,
  editAutoenrollmentFlag,
  editSubjectName,
  editSecurity,
  editExtensions,
];
