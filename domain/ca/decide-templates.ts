import { match } from 'ts-pattern';
import { refuse } from '../shared/decision.ts';
import { accept, type CaDecision, type CaView } from './decision.ts';
import { editAce } from './access.ts';
import { forestOidArc } from './builtins.ts';
import type {
  AddApplicationPolicy,
  ChangeRequestHandling,
  ChangeSubjectName,
  ChangeTemplatePermissions,
  DuplicateTemplate,
  IssueTemplate,
} from './commands.ts';
import { authorityFor, caNotFound, findTemplate, findTemplateByDisplayName, templateAsTyped, templateNotFound } from './lookup.ts';
import { editionIssues, editionLimitText } from './setup.ts';
import {
  compatibilityAuthorities,
  compatibilityRecipients,
  duplicateVersions,
  templateNameFor,
  type SchemaVersion,
  type Template,
} from './template.ts';
import { DisplayName } from '../shared/ids.ts';

type TemplateCommand =
  | DuplicateTemplate
  | ChangeSubjectName
  | ChangeRequestHandling
  | ChangeTemplatePermissions
  | AddApplicationPolicy
  | IssueTemplate;

/** A deterministic OID under the forest arc for the n-th template created in the lab. */
const newTemplateOid = (n: number): string => `${forestOidArc}.${(n * 7_919_993) % 16_777_213}.${(n * 104_729) % 9_999_991}`;

/** The schema version the console gives a duplicate: from the version prompt (2008) or the Compatibility tab (2012). */
const versionFor = (command: DuplicateTemplate, world: CaView): { schemaVersion: SchemaVersion; label: string } | CaDecision => {
  const on2012 = Object.values(world.ca.authorities).some((a) => a.os === 'windows-server-2012');
  if (on2012) {
    if (!command.compatibility) {
      return refuse(
        'INVALID_CHOICE',
        'The Windows Server 2012 console does not ask for a template version when duplicating; set the Compatibility tab instead (Certification Authority: Windows Server 2003, Certificate recipient: Windows XP / Server 2003).',
      );
    }
    const authority = compatibilityAuthorities[command.compatibility.certificationAuthority];
    return {
      schemaVersion: authority.schemaVersion,
      label: `Compatibility: ${authority.label} / ${compatibilityRecipients[command.compatibility.certificateRecipient]}`,
    };
  }
  if (command.compatibility || !command.version) {
    return refuse(
      'INVALID_CHOICE',
      'The Windows Server 2008 console has no Compatibility tab; choose the version in the Duplicate Template dialog (Windows 2003 Server, Enterprise Edition).',
    );
  }
  return duplicateVersions[command.version];
};

const duplicate = (command: DuplicateTemplate, world: CaView): CaDecision => {
  const source = templateAsTyped(world.ca, command.source);
  if (!source) return templateNotFound(world.ca, command.source);
  const name = templateNameFor(command.displayName);
  if (!name) return refuse('INVALID_CHOICE', 'Expected a template display name on the General tab; it was empty.');
  if (findTemplateByDisplayName(world.ca, DisplayName(command.displayName)) || findTemplate(world.ca, name)) {
    return refuse('ALREADY_EXISTS', `A template named "${command.displayName}" already exists; the General tab requires a unique name.`);
  }
  const version = versionFor(command, world);
  if ('kind' in version) return version;
  const template: Template = {
    ...source,
    name,
    displayName: DisplayName(command.displayName),
    schemaVersion: version.schemaVersion,
    oid: newTemplateOid(world.ca.templatesCreated + 1),
    revision: 100,
    minorRevision: 2,
    applicationPolicies: source.applicationPolicies.length > 0 ? source.applicationPolicies : source.ekus,
    keyProvider: version.schemaVersion >= 3 ? 'ksp' : 'csp',
    ...(command.compatibility ? { compatibility: command.compatibility } : {}),
    ...(command.purpose ? { purpose: command.purpose } : {}),
  };
  return accept({ type: 'TemplateDuplicated', data: { source: source.displayName, versionLabel: version.label, template } });
};

/** Settings tabs can only change v2+ templates; returns the template or the rejection. */
const editable = (world: CaView, name: string): Template | CaDecision => {
  const template = templateAsTyped(world.ca, name);
  if (!template) return templateNotFound(world.ca, name);
  if (template.schemaVersion === 1)
    return refuse(
      'NOT_EDITABLE',
      `"${template.displayName}" is a version 1 template: duplicate it to change anything but its permissions.`,
    );
  return template;
};

const isTemplate = (value: Template | CaDecision): value is Template => 'schemaVersion' in value;

/** New Application Policy on the Extensions tab: an OID the template does not list yet. */
const addApplicationPolicy = ({ template: name, oid, ...policy }: AddApplicationPolicy, world: CaView): CaDecision => {
  const found = editable(world, name);
  if (!isTemplate(found)) return found;
  if (!/^\d+(\.\d+)+$/.test(oid))
    return refuse(
      'INVALID_CHOICE',
      `New Application Policy expects an object identifier such as 2.16.840.1.113741.1.2.3; "${oid}" is not one.`,
    );
  if (found.applicationPolicies.includes(oid))
    return refuse('ALREADY_EXISTS', `"${found.displayName}" already lists the application policy ${oid}.`);
  return accept({
    type: 'TemplateApplicationPolicyAdded',
    data: { template: found.name, name: policy.name, oid, minorRevision: found.minorRevision + 1 },
  });
};

/** The Security tab: any template (v1 too), for a principal the directory knows. */
const changePermissions = (c: ChangeTemplatePermissions, world: CaView): CaDecision => {
  const template = templateAsTyped(world.ca, c.template);
  if (!template) return templateNotFound(world.ca, c.template);
  if (!world.directory.principals[c.principal]) {
    return refuse('NOT_FOUND', `The Security tab's Add dialog found no user, computer or group named "${c.principal}".`);
  }
  const before = template.acl.find((ace) => ace.principal === c.principal) ?? null;
  const after = editAce(before ?? undefined, c.principal, c);
  const minorRevision = template.minorRevision + (template.schemaVersion === 1 ? 0 : 1);
  return accept({ type: 'TemplatePermissionsChanged', data: { template: template.name, before, after, minorRevision } });
};

/** Certificate Template to Issue: on the CA named, when its edition issues the template's version. */
const issueTemplate = ({ ca: caName, template: name }: IssueTemplate, world: CaView): CaDecision => {
  // The CA named, never another: a name the lab does not have is refused, not read as its first CA.
  const authority = authorityFor(world, caName);
  if (!authority) return caNotFound(world, caName);
  const template = templateAsTyped(world.ca, name);
  if (!template) return templateNotFound(world.ca, name);
  if (authority.templatesToIssue.includes(template.name)) {
    return refuse('ALREADY_EXISTS', `"${template.displayName}" is already in ${authority.name}'s Certificate Templates to Issue.`);
  }
  if (!editionIssues(authority, template.schemaVersion)) {
    const limit = editionLimitText(authority, template);
    return refuse('CERTSRV_E_UNSUPPORTED_CERT_TYPE', `${limit}, so Enable Certificate Templates does not list it.`);
  }
  return accept({ type: 'TemplateIssued', data: { ca: authority.name, template: template.name } });
};

export const decideTemplate = (command: TemplateCommand, world: CaView): CaDecision =>
  match(command)
    .with({ type: 'DuplicateTemplate' }, (c) => duplicate(c, world))
    .with({ type: 'ChangeSubjectName' }, ({ template: name, subjectName }) => {
      const found = editable(world, name);
      if (!isTemplate(found)) return found;
      return accept({
        type: 'TemplateSubjectNameChanged',
        data: { template: found.name, subjectName, minorRevision: found.minorRevision + 1 },
      });
    })
    .with({ type: 'ChangeRequestHandling' }, ({ template: name, exportableKey, managerApproval }) => {
      const found = editable(world, name);
      if (!isTemplate(found)) return found;
      return accept({
        type: 'TemplateRequestHandlingChanged',
        data: {
          template: found.name,
          exportableKey,
          managerApproval: managerApproval ?? found.managerApproval,
          minorRevision: found.minorRevision + 1,
        },
      });
    })
    .with({ type: 'AddApplicationPolicy' }, (c) => addApplicationPolicy(c, world))
    .with({ type: 'ChangeTemplatePermissions' }, (c) => changePermissions(c, world))
    .with({ type: 'IssueTemplate' }, (c) => issueTemplate(c, world))
    .exhaustive();
