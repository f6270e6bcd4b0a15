import { refuse } from '../shared/decision.ts';
import type { CaDecision, CaView } from './decision.ts';
import { groupsOf, tokenIdentities } from '../directory/membership.ts';
import type { HostName } from '../shared/ids.ts';
import type { Timed } from '../shared/time.ts';
import { hasRight, whyRightsMissing } from './access.ts';
import type { RequestCertificate } from './commands.ts';
import { issuance } from './issuance.ts';
import { issuingAuthorities, templateAsTyped } from './lookup.ts';
import type { Template } from './template.ts';

/** Why the enrollment wizard would not offer the template to this requester, if it would not. */
export const whyNotOffered = (world: CaView, template: Template, requester: string): CaDecision | undefined => {
  const identities = tokenIdentities(world.directory, requester);
  if (issuingAuthorities(world.ca, template).length === 0) {
    return refuse(
      'CERTSRV_E_UNSUPPORTED_CERT_TYPE',
      `"${template.displayName}" is not in any CA's Certificate Templates to Issue, so Request Certificates does not offer it; issue it on the CA first.`,
    );
  }
  const canRead = hasRight(template.acl, identities, 'Read');
  const canEnroll = hasRight(template.acl, identities, 'Enroll');
  if (canRead && canEnroll) return undefined;
  const token = world.directory.tokens[requester];
  const current = Object.entries(world.directory.members)
    .filter(([, m]) => m.includes(requester))
    .map(([g]) => g);
  const fresh = [requester, ...groupsOf(world.directory, requester)];
  const restartWouldHelp = hasRight(template.acl, fresh, 'Read') && hasRight(template.acl, fresh, 'Enroll');
  const stale = token && restartWouldHelp ? current.filter((group) => !token.groups.includes(group)) : [];
  const missingRights = [canRead ? null : 'Read', canEnroll ? null : 'Enroll'].filter(Boolean).join(' and ');
  const cause =
    stale.length > 0
      ? `${requester} joined ${stale.join(', ')} after its last restart (${token?.issuedAt}); its token does not carry that membership yet, so it lacks ${missingRights}. Restart ${requester}.`
      : `on the template's Security tab ${whyRightsMissing(template.acl, identities, requester, ['Read', 'Enroll'])}`;
  return refuse('CERTSRV_E_TEMPLATE_DENIED', `"${template.displayName}" is not offered to ${requester}: ${cause}`);
};

/** The rejection Request Certificates would show for the template and requester, or undefined when it is offered. */
export const whyNotOfferedTo = (world: CaView, template: Template, requester: string) => {
  const decision = whyNotOffered(world, template, requester);
  return decision?.kind === 'rejected' ? decision.rejection : undefined;
};

/** Request New Certificate in the Certificates snap-in (or a request ConfigMgr makes for a device). */
export const decideEnrollment = (command: Timed<RequestCertificate>, world: CaView): CaDecision => {
  const requester = world.directory.principals[command.requester];
  if (!requester) return refuse('NOT_FOUND', `Expected a computer named "${command.requester}"; none exists.`);
  const template = templateAsTyped(world.ca, command.template);
  if (!template)
    return refuse(
      'TEMPLATE_NOT_OFFERED',
      `No template named "${command.template}" exists in the forest, so Request Certificates cannot list it.`,
    );
  if (template.forComputers !== (requester.kind === 'computer')) {
    return refuse(
      'TEMPLATE_NOT_OFFERED',
      `"${template.displayName}" is a ${template.forComputers ? 'computer' : 'user'} template; the ${requester.kind === 'computer' ? 'Computer account' : 'user'} snap-in does not offer it.`,
    );
  }
  const notOffered = whyNotOffered(world, template, requester.name);
  if (notOffered) return notOffered;
  return issuance(world, {
    template,
    requester,
    requested: command,
    // The account the snap-in installs into: its name as the world holds it (a user's store, too, is named by it).
    installTo: { host: requester.name as HostName, store: command.store },
    at: command.at,
    ...(command.keySize ? { keySize: command.keySize } : {}),
  });
};
