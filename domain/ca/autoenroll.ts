import type { HostName, Thumbprint } from '../shared/ids.ts';
import { accept, type CaDecision, type CaSideEvent, type CaView } from './decision.ts';
import type { SimTime, Timed } from '../shared/time.ts';
import { tokenIdentities } from '../directory/membership.ts';
import type { DirectoryState } from '../directory/model.ts';
import { addMinutes } from '../shared/time.ts';
import { hasRight } from './access.ts';
import type { Autoenroll } from './commands.ts';
import { issuance } from './issuance.ts';
import { issuedByThumbprint, issuedTo, issuingAuthorities } from './lookup.ts';
import type { Template } from './template.ts';

/** The autoenrollment timer of Windows Vista and later: every 8 hours after startup. */
const autoenrollmentIntervalMinutes = 8 * 60;

/** The GPO whose Auto-Enrollment policy applies to computers of the domain, if one enables it. */
export const effectiveAutoenrollmentPolicy = (directory: DirectoryState) =>
  Object.values(directory.gpos).find(
    (gpo) => gpo.linkedTo === directory.domain.dnsName && gpo.autoenrollment.configurationModel === 'enabled',
  );

/** The templates a template's Superseded Templates tab names. */
const supersededBy = (template: Template): readonly string[] => template.supersedes ?? [];

/**
 * Templates the computer would autoenroll: v2+, autoenrollment flag, and Read + Enroll + Autoenroll in its token;
 * a template superseded by another one it autoenrolls is replaced, not renewed.
 */
const autoenrollTemplates = (world: CaView, computer: HostName): Template[] => {
  const identities = tokenIdentities(world.directory, computer);
  const eligible = Object.values(world.ca.templates).filter(
    (t) =>
      t.forComputers &&
      t.schemaVersion >= 2 &&
      t.autoenrollment &&
      (['Read', 'Enroll', 'Autoenroll'] as const).every((right) => hasRight(t.acl, identities, right)),
  );
  const replaced = new Set(eligible.flatMap(supersededBy));
  return eligible.filter((t) => !replaced.has(t.name));
};

/** The computer's personal certificates the snap-in shows (archived ones are kept but hidden). */
const active = (world: CaView, computer: HostName) => (world.hosts.stores[computer]?.personal ?? []).filter((stored) => !stored.archived);

const issuedOf = (world: CaView, thumbprint: Thumbprint) => issuedByThumbprint(world.ca, thumbprint);

const holdsValid = (world: CaView, computer: HostName, template: Template, at: SimTime): boolean =>
  active(world, computer).some((stored) => {
    if (stored.template !== template.name) return false;
    const issued = issuedOf(world, stored.thumbprint);
    return Boolean(issued) && Date.parse(issued!.notAfter) > Date.parse(addMinutes(at, template.renewalDays * 24 * 60));
  });

const awaitsApproval = (world: CaView, computer: HostName, template: Template): boolean =>
  Object.values(world.ca.pending).some((p) => p.requester === computer && p.template === template.name);

/** The certificates a new one from `template` replaces in the store: older ones of the template, and of the templates it supersedes. */
const replacedBy = (world: CaView, computer: HostName, template: Template): CaSideEvent[] =>
  active(world, computer).flatMap((stored): CaSideEvent[] => {
    const reason =
      stored.template === template.name ? 'renewed' : supersededBy(template).includes(stored.template) ? 'superseded' : undefined;
    return reason
      ? [{ type: 'CertificateArchived', data: { host: computer, store: 'personal', thumbprint: stored.thumbprint, reason } }]
      : [];
  });

/**
 * "Update pending certificates": certificates a CA manager issued for the computer's pending requests, installed in
 * its personal store (replacing older ones of the template), once the policy's first check box is on.
 */
const retrievals = (world: CaView, computer: HostName): CaSideEvent[] => {
  const held = new Set(Object.values(world.hosts.stores[computer] ?? {}).flatMap((certs) => (certs ?? []).map((c) => c.thumbprint)));
  return issuedTo(world.ca, computer)
    .filter((c) => !held.has(c.thumbprint))
    .flatMap((c): CaSideEvent[] => {
      const template = world.ca.templates[c.template];
      const archive = template ? replacedBy(world, computer, template) : [];
      const { thumbprint, template: name, keyRef, exportableKey } = c;
      return [
        ...archive,
        { type: 'CertificateInstalled', data: { host: computer, store: 'personal', thumbprint, template: name, keyRef, exportableKey } },
      ];
    });
};

type Failure = { template: string; eventId: 13 | 47; code?: string; message: string };

/**
 * One pass of the computer's autoenrollment task: approved requests are retrieved, then the first template still
 * missing (or inside its renewal period) is requested (`sign`, with the certificates it replaces archived after it);
 * the engine signs and decides again until nothing is missing, then `AutoenrollmentRan` records the pass and its
 * failures (event 47: no CA issues the template; event 13: the CA refused the request). A template that needs a CA
 * manager's approval leaves a pending request, asked for once and retrieved on a later pass.
 */
export const decideAutoenrollment = (command: Timed<Autoenroll>, world: CaView): CaDecision => {
  const { at } = command;
  const computer = world.directory.principals[command.computer];
  const policy = effectiveAutoenrollmentPolicy(world.directory);
  const failures: Failure[] = [];
  const events: CaSideEvent[] = [];
  if (computer?.kind === 'computer' && policy && !world.hosts.hosts[command.computer]?.device) {
    if (policy.autoenrollment.renewExpired) events.push(...retrievals(world, command.computer));
    const retrieved = new Set(events.flatMap((e) => (e.type === 'CertificateInstalled' ? [e.data.template] : [])));
    const templates = policy.autoenrollment.updateTemplates ? autoenrollTemplates(world, command.computer) : [];
    for (const template of templates.filter((t) => !retrieved.has(t.name))) {
      if (holdsValid(world, command.computer, template, at)) {
        // A certificate of the superseding template is held: the superseded ones are archived.
        events.push(
          ...replacedBy(world, command.computer, template).filter(
            (e) => e.type === 'CertificateArchived' && e.data.reason === 'superseded',
          ),
        );
        continue;
      }
      if (awaitsApproval(world, command.computer, template)) continue;
      if (issuingAuthorities(world.ca, template).length === 0) {
        const message =
          `Certificate enrollment for Local system could not enroll for a ${template.name} certificate: ` +
          'no certification authority that issues this template can be found.';
        failures.push({ template: template.name, eventId: 47, message });
        continue;
      }
      const after = replacedBy(world, command.computer, template);
      const decision = issuance(world, {
        template,
        requester: computer,
        requested: { dnsNames: [] },
        installTo: { host: command.computer, store: 'personal' },
        at,
        after,
      });
      if (decision.kind === 'sign') return { ...decision, before: [...events, ...decision.before] };
      if (decision.kind === 'accepted') events.push(...decision.events);
      if (decision.kind === 'rejected') {
        const { code, text } = decision.rejection;
        const message = `Certificate enrollment for Local system failed to enroll for a ${template.name} certificate: ${text} ${code}`;
        failures.push({ template: template.name, eventId: 13, code, message });
      }
    }
  }
  return accept(...events, { type: 'AutoenrollmentRan', data: { computer: command.computer, trigger: command.trigger, failures } });
};

/** Each domain computer's next 8-hour autoenrollment timer (from its last pass, or its last startup). */
export const autoenrollmentSchedule = (world: CaView): { at: SimTime; command: Autoenroll }[] =>
  Object.values(world.hosts.hosts)
    .filter((host) => !host.device && world.directory.principals[host.name]?.kind === 'computer')
    .map((host) => ({
      at: addMinutes(host.lastAutoenrollment ?? host.lastBoot, autoenrollmentIntervalMinutes),
      command: { type: 'Autoenroll', computer: host.name, trigger: 'timer' },
    }));
