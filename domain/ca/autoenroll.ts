import { tokenIdentities } from '../directory/membership.ts';
import type { DirectoryState } from '../directory/model.ts';
import { accept, type Decision } from '../lab/decision.ts';
import type { World } from '../lab/world.ts';
import { addMinutes } from '../shared/time.ts';
import { hasRight } from './access.ts';
import type { Autoenroll } from './commands.ts';
import { issuance } from './decide-enrollment.ts';
import { issuingAuthorities } from './lookup.ts';
import type { Template } from './template.ts';

/** The autoenrollment timer of Windows Vista and later: every 8 hours after startup. */
export const autoenrollmentIntervalMinutes = 8 * 60;

/** The GPO whose Auto-Enrollment policy applies to computers of the domain, if one enables it. */
export const effectiveAutoenrollmentPolicy = (directory: DirectoryState) =>
  Object.values(directory.gpos).find((gpo) => gpo.linkedTo === directory.domain.dnsName && gpo.autoenrollment.configurationModel === 'enabled');

/** Templates the computer would autoenroll: v2+, autoenrollment flag, and Read + Enroll + Autoenroll in its token. */
export const autoenrollTemplates = (world: World, computer: string): Template[] => {
  const identities = tokenIdentities(world.directory, computer);
  return Object.values(world.ca.templates).filter(
    (t) => t.forComputers && t.schemaVersion >= 2 && t.autoenrollment && (['Read', 'Enroll', 'Autoenroll'] as const).every((right) => hasRight(t.acl, identities, right)),
  );
};

const holdsValid = (world: World, computer: string, template: Template, at: string): boolean =>
  (world.hosts.stores[computer]?.personal ?? []).some((stored) => {
    if (stored.template !== template.name) return false;
    const issued = Object.values(world.ca.issued).find((c) => c.thumbprint === stored.thumbprint);
    return Boolean(issued) && Date.parse(issued!.notAfter) > Date.parse(addMinutes(at, template.renewalDays * 24 * 60));
  });

/**
 * One pass of the computer's autoenrollment task: the first template still missing is issued (`sign`);
 * the engine signs and decides again until nothing is missing, then `AutoenrollmentRan` records the pass
 * and its failures (event 47: no CA issues the template; event 13: the CA refused the request).
 */
export const decideAutoenrollment = (command: Autoenroll, world: World, at: string): Decision => {
  const computer = world.directory.principals[command.computer];
  const policy = effectiveAutoenrollmentPolicy(world.directory);
  const failures: { template: string; eventId: 13 | 47; code?: string; message: string }[] = [];
  if (computer?.kind === 'computer' && policy?.autoenrollment.updateTemplates && !world.hosts.hosts[command.computer]?.device) {
    for (const template of autoenrollTemplates(world, computer.name)) {
      if (holdsValid(world, computer.name, template, at)) continue;
      if (issuingAuthorities(world.ca, template).length === 0) {
        failures.push({ template: template.name, eventId: 47, message: `Certificate enrollment for Local system could not enroll for a ${template.name} certificate: no certification authority that issues this template can be found.` });
        continue;
      }
      const decision = issuance(world, template, computer, { dnsNames: [] }, { host: computer.name, store: 'personal' }, at);
      if (decision.kind === 'sign') return decision;
      if (decision.kind === 'rejected') {
        failures.push({ template: template.name, eventId: 13, code: decision.rejection.code, message: `Certificate enrollment for Local system failed to enroll for a ${template.name} certificate: ${decision.rejection.text} ${decision.rejection.code}` });
      }
    }
  }
  return accept({ type: 'AutoenrollmentRan', data: { computer: command.computer, trigger: command.trigger, failures } });
};

/** Each domain computer's next 8-hour autoenrollment timer (from its last pass, or its last startup). */
export const autoenrollmentSchedule = (world: World): { at: string; command: Autoenroll }[] =>
  Object.values(world.hosts.hosts)
    .filter((host) => !host.device && world.directory.principals[host.name]?.kind === 'computer')
    .map((host) => ({ at: addMinutes(host.lastAutoenrollment ?? host.lastBoot, autoenrollmentIntervalMinutes), command: { type: 'Autoenroll', computer: host.name, trigger: 'timer' } }));

/** Computers whose 8-hour autoenrollment timer falls due by `at` (domain-joined and booted). */
export const dueAutoenrollments = (world: World, at: string): Autoenroll[] =>
  autoenrollmentSchedule(world).filter((due) => Date.parse(due.at) <= Date.parse(at)).map((due) => due.command);
