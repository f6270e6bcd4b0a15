import { oid } from '../shared/oids.ts';
import type { Ace, Template } from './template.ts';
import { DisplayName, TemplateName } from '../shared/ids.ts';

/** The forest-specific arc under which AD CS registers template OIDs in this lab's forest. */
export const forestOidArc = '1.3.6.1.4.1.311.21.8.7638725.13898300.1985460.3383425.7519116.119';

const adminAces: Ace[] = [
  { principal: 'Authenticated Users', allow: ['Read'], deny: [] },
  { principal: 'Domain Admins', allow: ['Read', 'Write', 'Enroll'], deny: [] },
  { principal: 'Enterprise Admins', allow: ['Read', 'Write', 'Enroll'], deny: [] },
];

/** Web Server (WebServer), a v1 computer template whose subject is supplied in the request. */
const webServer: Template = {
  name: TemplateName('WebServer'),
  displayName: DisplayName('Web Server'),
  schemaVersion: 1,
  oid: `${forestOidArc}.1.16`,
  revision: 4,
  minorRevision: 1,
  forComputers: true,
  subjectName: { source: 'supply-in-request' },
  ekus: [oid.serverAuth],
  applicationPolicies: [],
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  minimalKeySize: 2048,
  exportableKey: false,
  autoenrollment: false,
  managerApproval: false,
  validityDays: 730,
  renewalDays: 42,
  keyProvider: 'csp',
  acl: adminAces,
};

/** Workstation Authentication (Workstation), a v2 computer template: no subject, DNS name in the SAN. */
const workstationAuthentication: Template = {
  name: TemplateName('Workstation'),
  displayName: DisplayName('Workstation Authentication'),
  schemaVersion: 2,
  oid: `${forestOidArc}.1.30`,
  revision: 101,
  minorRevision: 0,
  forComputers: true,
  subjectName: { source: 'build-from-ad', format: 'none', altNames: ['dns'] },
  ekus: [oid.clientAuth],
  applicationPolicies: [oid.clientAuth],
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  minimalKeySize: 2048,
  exportableKey: false,
  autoenrollment: true,
  managerApproval: false,
  validityDays: 365,
  renewalDays: 42,
  keyProvider: 'csp',
  acl: [...adminAces, { principal: 'Domain Computers', allow: ['Enroll'], deny: [] }],
};

/** Authenticated Session (ClientAuth), a v1 user template: subject from the directory path, UPN in the SAN. */
const authenticatedSession: Template = {
  name: TemplateName('ClientAuth'),
  displayName: DisplayName('Authenticated Session'),
  schemaVersion: 1,
  oid: `${forestOidArc}.1.4`,
  revision: 3,
  minorRevision: 1,
  forComputers: false,
  subjectName: { source: 'build-from-ad', format: 'fully-distinguished-name', altNames: ['upn'] },
  ekus: [oid.clientAuth],
  applicationPolicies: [],
  keyUsage: ['digitalSignature'],
  minimalKeySize: 2048,
  exportableKey: false,
  autoenrollment: true,
  managerApproval: false,
  validityDays: 365,
  renewalDays: 42,
  keyProvider: 'csp',
  acl: [...adminAces, { principal: 'Domain Users', allow: ['Enroll'], deny: [] }],
};

export const builtinTemplates: readonly Template[] = [webServer, workstationAuthentication, authenticatedSession];
