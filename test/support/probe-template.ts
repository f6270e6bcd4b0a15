import {
  evaluateFindings,
  DisplayName,
  oid,
  TemplateName,
  type Ace,
  type CaSettings,
  type Template,
  type World,
} from '../../domain/index.ts';
import { givenNetwork } from './world.ts';

/** A template for the security checks: supply in request, client authentication, only administrators enroll. */
export const base: Template = {
  name: TemplateName('Probe'),
  displayName: DisplayName('Probe'),
  schemaVersion: 2,
  oid: '1.2.3',
  revision: 100,
  minorRevision: 2,
  forComputers: false,
  subjectName: { source: 'supply-in-request' },
  ekus: [oid.clientAuth],
  applicationPolicies: [oid.clientAuth],
  keyUsage: ['digitalSignature'],
  minimalKeySize: 2048,
  exportableKey: false,
  autoenrollment: false,
  managerApproval: false,
  validityDays: 365,
  renewalDays: 42,
  keyProvider: 'csp',
  acl: [
    { principal: 'Authenticated Users', allow: ['Read'], deny: [] },
    { principal: 'Domain Admins', allow: ['Read', 'Write', 'Enroll'], deny: [] },
  ],
};
export const ace = (principal: string, allow: Ace['allow'], deny: Ace['deny'] = []): Ace => ({ principal, allow, deny });

/** The test network with one extra template, issued on the CA unless said otherwise, and CA settings. */
export const worldWith = (template: Partial<Template>, options: { issued?: boolean; ca?: Partial<CaSettings> } = {}): World => {
  const world = givenNetwork();
  const t = { ...base, ...template };
  const ca = world.ca.authorities['contoso-CA1-CA']!;
  return {
    ...world,
    ca: {
      ...world.ca,
      templates: { ...world.ca.templates, [t.name]: t },
      authorities: {
        [ca.name]: {
          ...ca,
          settings: { ...ca.settings, ...options.ca },
          templatesToIssue: options.issued === false ? ca.templatesToIssue : [...ca.templatesToIssue, t.name],
        },
      },
    },
  };
};
/** The security findings on the subject, as rule/severity. */
export const rules = (world: World, subject = 'template:Probe') =>
  evaluateFindings(world)
    .filter((f) => f.subject === subject && f.family === 'security')
    .map((f) => `${f.rule}/${f.severity}`);
