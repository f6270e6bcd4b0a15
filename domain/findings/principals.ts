import { hasRight } from '../ca/access.ts';
import type { Template, TemplateRight } from '../ca/template.ts';
import { groupsOf } from '../directory/membership.ts';
import type { World } from '../lab/world.ts';

/** Relative ids and SIDs the auditors treat as administrative (Locksmith's safe list). */
const safeRids = ['-512', '-519', '-544', '-18', '-517', '-500', '-516', '-521', '-498', '-9', '-526', '-527'];
/** Groups that hold (nearly) every account of the domain. */
export const broadGroups = ['Everyone', 'Authenticated Users', 'Domain Users', 'Domain Computers', 'Users'];

export const isSafe = (world: World, principal: string): boolean => {
  const sid = world.directory.principals[principal]?.sid ?? '';
  const caHosts = Object.values(world.ca.authorities).map((a): string => a.host);
  return sid === 'S-1-5-10' || safeRids.some((rid) => sid.endsWith(rid)) || caHosts.includes(principal);
};

/** Whether a principal's own token (itself, its groups, the implicit ones) holds the right: deny ACEs win. */
const holds = (world: World, template: Template, principal: string, right: TemplateRight): boolean =>
  hasRight(template.acl, [principal, ...groupsOf(world.directory, principal)], right);

/** Principals named on the Security tab that can really enroll: Read and Enroll allowed, not denied, and allowed by the CA. */
export const enrollers = (world: World, template: Template): string[] => {
  const caEnrollees = Object.values(world.ca.authorities).flatMap((a) => a.settings.enrollees);
  return template.acl
    .map((ace) => ace.principal)
    .filter((p) => holds(world, template, p, 'Enroll') && holds(world, template, p, 'Read'))
    .filter((p) => [p, ...groupsOf(world.directory, p)].some((id) => caEnrollees.includes(id)));
};

export const lowPrivilegedEnrollers = (world: World, template: Template): string[] =>
  enrollers(world, template).filter((p) => !isSafe(world, p));

/** Principals that may change the template (Full Control or Write) and are not administrators. */
export const lowPrivilegedWriters = (world: World, template: Template): string[] =>
  template.acl
    .map((a) => a.principal)
    .filter((p) => !isSafe(world, p) && (holds(world, template, p, 'FullControl') || holds(world, template, p, 'Write')));
