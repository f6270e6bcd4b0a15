import { z } from 'zod';
import { contoso, type ComputerDefinition, type NetworkDefinition } from '../../domain/index.ts';
import { didYouMean, expected, names, text, wording } from '../../workflows/index.ts';

const dnsName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i)
  .register(wording, { expected: 'a DNS name such as fabrikam.com' });
/** A computer's dNSHostName: a DNS name, or "" for an account whose attribute is empty. */
const hostName = z
  .union([z.literal(''), dnsName])
  .register(wording, { expected: 'a DNS host name such as client2.contoso.com, or "" for none' });
const accountName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/)
  .register(wording, { expected: 'an account name of up to 15 letters, digits, dots, dashes or underscores' });

/** Site-system and client roles a computer of the lab can hold. */
const computerRoles = [
  'iis',
  'configmgr site system',
  'management point',
  'distribution point',
  'software update point',
  'fallback status point',
  'enrollment point',
  'enrollment proxy point',
  'out of band service point',
  'configmgr client',
] as const;

const computer = z.strictObject({
  name: accountName,
  dnsHostName: hostName
    .optional()
    .describe('dNSHostName; "" leaves it empty (templates that build the subject from it then fail with 0x8009480F)'),
  os: text.optional(),
  ou: text.optional().describe('the OU the account sits in, e.g. OU=Workstations'),
  groups: names.optional(),
  roles: z.array(z.enum(computerRoles)).optional(),
});
const user = z.strictObject({
  name: accountName,
  upn: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/)
    .register(wording, { expected: 'a user principal name such as johnd@contoso.com' })
    .optional(),
  mail: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/)
    .register(wording, { expected: 'an e-mail address such as john.doe@contoso.com' })
    .optional(),
  ou: text.optional(),
  groups: names.optional(),
});
const group = z.strictObject({ name: text, members: names.optional() });
/** Many computers at once: PC0001, PC0002… with their DNS names in the lab's domain (a large lab on demand). */
const generated = z.strictObject({
  computers: z.int().min(1).max(1_000_000).describe('how many computers to add'),
  prefix: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,7}$/)
    .register(wording, { expected: 'a name prefix of up to 8 letters, digits or dashes' })
    .optional()
    .describe("their names' start (default PC), followed by a zero-padded number"),
  os: text.optional(),
  ou: text.optional(),
  groups: names.optional().describe('groups every generated computer is a member of'),
  roles: z.array(z.enum(computerRoles)).optional(),
});

/** Groups and accounts of the seed's forest a lab definition may refer to. */
const seedGroups = ['Domain Admins', 'Domain Users', 'Domain Computers', 'Domain Controllers', 'Enterprise Admins'];
const seedAccounts = [
  'Administrator',
  contoso.mobileUser,
  contoso.macUser,
  contoso.domainController,
  contoso.caServer,
  contoso.siteServer,
  contoso.client,
];

type Lab = {
  computers?: { name: string; groups?: string[] }[];
  users?: { name: string; groups?: string[] }[];
  groups?: { name: string; members?: string[] }[];
  generated?: { groups?: string[] };
};

/** Every group and member named must exist in the lab (the seed's accounts and groups, or those defined beside them). */
const checkReferences = (lab: Lab, context: z.RefinementCtx) => {
  const groups = [...seedGroups, ...(lab.groups ?? []).map((g) => g.name)];
  const accounts = [...seedAccounts, ...(lab.computers ?? []).map((c) => c.name), ...(lab.users ?? []).map((u) => u.name), ...groups];
  const refer = (value: string, among: string[], path: (string | number)[], what: string) => {
    if (among.some((x) => x.toLowerCase() === value.toLowerCase())) return;
    context.addIssue({
      code: 'custom',
      path,
      input: value,
      message: expected(`${what} (${among.join(', ')})`, { hint: didYouMean(value, among) }),
    });
  };
  for (const kind of ['computers', 'users'] as const) {
    (lab[kind] ?? []).forEach((a, i) => (a.groups ?? []).forEach((g, j) => refer(g, groups, [kind, i, 'groups', j], 'a group of the lab')));
  }
  (lab.groups ?? []).forEach((g, i) =>
    (g.members ?? []).forEach((m, j) => refer(m, accounts, ['groups', i, 'members', j], 'an account or group of the lab')),
  );
  (lab.generated?.groups ?? []).forEach((g, j) => refer(g, groups, ['generated', 'groups', j], 'a group of the lab'));
};

/** The forest part of `lab:` (the CA's fields are beside it). */
export const networkFields = {
  domain: z
    .union([dnsName, z.strictObject({ dnsName, netbiosName: accountName.optional() })])
    .optional()
    .describe("the forest's DNS name (default contoso.com), or { dnsName, netbiosName }"),
  computers: z
    .array(computer)
    .optional()
    .describe('computers: a seed name (DC1, CA1, SERVER1, CLIENT1) changes that computer, another name adds one'),
  users: z.array(user).optional(),
  groups: z.array(group).optional().describe('security groups present from the start, with their members'),
  site: z
    .strictObject({ intranetFqdn: dnsName.optional(), internetFqdn: dnsName.optional() })
    .optional()
    .describe("the ConfigMgr site system's FQDNs (SERVER1)"),
  generated: generated.optional().describe('N generated computers (PC0001…), e.g. { computers: 10000, groups: [Workstations] }'),
};

export const refineNetwork = checkReferences;

type NetworkInput = { [K in keyof typeof networkFields]?: z.output<(typeof networkFields)[K]> };

/** The lab definition in the domain's words, or undefined when the scenario keeps the seed's network. */
/** The computers `generated:` asks for, named prefix + a number padded to the count's width. */
export const generatedComputers = (spec: NonNullable<NetworkInput['generated']>): ComputerDefinition[] => {
  const prefix = spec.prefix ?? 'PC';
  const width = Math.max(4, String(spec.computers).length);
  const { os, ou, groups, roles } = spec;
  const shared = { ...(os ? { os } : {}), ...(ou ? { ou } : {}), ...(groups ? { groups } : {}), ...(roles ? { roles } : {}) };
  return Array.from({ length: spec.computers }, (_, i) => ({ name: `${prefix}${String(i + 1).padStart(width, '0')}`, ...shared }));
};

export const networkOf = (lab: NetworkInput): NetworkDefinition | undefined => {
  const { domain, users, groups, site, generated: many } = lab;
  const computers = many ? [...(lab.computers ?? []), ...generatedComputers(many)] : lab.computers;
  const definition: NetworkDefinition = {
    ...(domain ? { domain: typeof domain === 'string' ? { dnsName: domain } : domain } : {}),
    ...(computers ? { computers } : {}),
    ...(users ? { users } : {}),
    ...(groups ? { groups } : {}),
    ...(site ? { site } : {}),
  };
  return Object.keys(definition).length > 0 ? definition : undefined;
};

// ─── Expectations about administrative actions ───

/** An event id stays a number; YAML reads 0x8009480F as a number, which reads back as its hex code. */
const anyCode = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'string' || v < 65536 ? String(v) : `0x${(v >>> 0).toString(16).toUpperCase()}`));

/** `expect.autoenrollment`: passes a computer ran, and what its last pass logged (a code, an event id, or none). */
export const autoenrollmentExpectation = z.strictObject({
  host: text,
  passes: z.int().min(0).optional(),
  failure: anyCode.optional().describe('an error code such as 0x8009480F, an event id (47, 13), or none'),
});
/** `expect.requests`: a request pending, issued or denied at the CA. */
export const requestExpectation = z.strictObject({
  requestId: z.int().min(1).optional(),
  template: text.optional(),
  requester: text.optional(),
  status: z.enum(['pending', 'issued', 'denied']),
});
/** `expect.stores`: certificates of a template in use and archived in a computer's personal store. */
export const storeExpectation = z.strictObject({
  host: text,
  template: text,
  active: z.int().min(0).optional(),
  archived: z.int().min(0).optional(),
});
