import { match } from 'ts-pattern';
import { refuse } from '../shared/decision.ts';
import { accept, type CaDecision, type CaSideEvent, type CaView } from './decision.ts';
import type {
  ApproveRequest,
  CaAdminCommand,
  ChangeTemplateSettings,
  DenyRequest,
  RemoveTemplateFromCa,
  RenewCertificate,
} from './admin-commands.ts';
import { selectCertificate } from './held.ts';
import type { Timed } from '../shared/time.ts';
import { issuance } from './issuance.ts';
import { TemplateName } from '../shared/ids.ts';
import { authorityFor, caNotFound, findTemplate, templateAsTyped, templateNotFound } from './lookup.ts';
import { stoppedRefusal } from './revocation.ts';

/** Settings tabs of a version 1 template are read-only in the console: only its Security tab can change. */
const settingsRefusal = (world: CaView, command: ChangeTemplateSettings): CaDecision | undefined => {
  const template = templateAsTyped(world.ca, command.template);
  if (!template) return templateNotFound(world.ca, command.template);
  if (template.schemaVersion === 1) {
    return refuse(
      'NOT_EDITABLE',
      `"${template.displayName}" is a version 1 template: its ${command.tab} tab is read-only; duplicate it to change anything but its Security tab.`,
    );
  }
  const { validityDays = template.validityDays, renewalDays = template.renewalDays, supersedes = [] } = command.settings;
  if (renewalDays >= validityDays) {
    return refuse(
      'INVALID_CHOICE',
      `The renewal period (${renewalDays} days) must be shorter than the validity period (${validityDays} days) on the General tab.`,
    );
  }
  const unknown = supersedes.find((name) => !templateAsTyped(world.ca, name));
  if (unknown) return refuse('NOT_FOUND', `The Superseded Templates tab's Add dialog lists no template named "${unknown}".`);
  if (supersedes.some((name) => templateAsTyped(world.ca, name)?.name === template.name))
    return refuse('INVALID_CHOICE', `"${template.displayName}" cannot supersede itself.`);
  return undefined;
};

/** Which request a manager acts on, or why it cannot (unknown: 0x80070002; no longer pending: 0x80094003). */
const pendingOf = (world: CaView, command: ApproveRequest | DenyRequest, verb: string) => {
  const authority = authorityFor(world, command.ca);
  if (!authority) return caNotFound(world, command.ca);
  const stopped = stoppedRefusal(world, authority, `${authority.name} cannot ${verb} request ${command.requestId}`);
  if (stopped) return stopped;
  const pending = world.ca.pending[String(command.requestId)];
  if (pending && pending.ca === authority.name) return { authority, pending };
  const issued = Object.values(world.ca.issued).some((c) => c.requestId === command.requestId && c.ca === authority.name);
  const denied = world.ca.denied?.includes(command.requestId);
  if (issued || denied) {
    return refuse(
      'CERTSRV_E_BAD_REQUESTSTATUS',
      `Request ${command.requestId} is not pending on ${authority.name}: it was already ${issued ? 'issued' : 'denied'}.`,
    );
  }
  return refuse(
    'ERROR_FILE_NOT_FOUND',
    `${authority.name} has no request ${command.requestId} (its pending requests: ${Object.keys(world.ca.pending).join(', ') || 'none'}).`,
  );
};

const approve = (world: CaView, command: Timed<ApproveRequest>): CaDecision => {
  const found = pendingOf(world, command, 'issue');
  if ('kind' in found) return found;
  const { pending } = found;
  const template = findTemplate(world.ca, TemplateName(pending.template));
  const requester = world.directory.principals[pending.requester];
  if (!template || !requester)
    return refuse('NOT_FOUND', `Request ${pending.requestId} names a template or requester the directory no longer holds.`);
  // Issued into the CA database only: the requester retrieves it (autoenrollment's "update pending certificates").
  return issuance(world, {
    template,
    requester,
    requested: pending.requested ?? { dnsNames: [] },
    installTo: null,
    at: command.at,
    requestId: pending.requestId,
    approved: true,
  });
};

/** Renew (same or new key) or re-enroll a certificate of a host's personal store; the old one is archived. */
const renew = (world: CaView, command: Timed<RenewCertificate>): CaDecision => {
  const stored = selectCertificate(world, command.host, command.certificate);
  const issued = stored && Object.values(world.ca.issued).find((c) => c.thumbprint === stored.thumbprint);
  if (!stored || !issued) return refuse('CERTIFICATE_NOT_IN_STORE', `${command.host}'s personal store holds no such certificate to renew.`);
  const template = findTemplate(world.ca, TemplateName(issued.template));
  const requester = world.directory.principals[issued.requester];
  if (!template || !requester)
    return refuse('NOT_FOUND', `The certificate's template "${issued.template}" or requester ${issued.requester} no longer exists.`);
  const reason = command.mode === 're-enroll' ? 're-enrolled' : 'renewed';
  const after: CaSideEvent[] = [
    { type: 'CertificateArchived', data: { host: command.host, store: 'personal', thumbprint: stored.thumbprint, reason } },
  ];
  const key = command.mode === 'renew-same-key' ? { keyRef: issued.keyRef, keySize: issued.keySize } : undefined;
  const names = {
    dnsNames: issued.dnsNames,
    ...(issued.subject.startsWith('CN=') ? { commonName: issued.subject.slice(3).split(',')[0] } : {}),
  };
  return issuance(world, {
    template,
    requester,
    requested: names,
    installTo: { host: command.host, store: 'personal' },
    at: command.at,
    ...(key ? { key } : {}),
    after,
  });
};

export const decideCaAdmin = (command: Timed<CaAdminCommand>, world: CaView): CaDecision =>
  match(command)
    .with({ type: 'RemoveTemplateFromCa' }, (c) => {
      const authority = authorityFor(world, c.ca);
      if (!authority) return caNotFound(world, c.ca);
      const template = templateAsTyped(world.ca, c.template);
      if (!template) return templateNotFound(world.ca, c.template);
      if (!authority.templatesToIssue.includes(template.name)) {
        return refuse(
          'NOT_FOUND',
          `"${template.displayName}" is not in ${authority.name}'s Certificate Templates to Issue, so there is nothing to delete.`,
        );
      }
      return accept({ type: 'TemplateRemovedFromCa', data: { ca: authority.name, template: template.name } });
    })
    .with({ type: 'ChangeTemplateSettings' }, (c) => {
      const refusal = settingsRefusal(world, c);
      if (refusal) return refusal;
      const template = templateAsTyped(world.ca, c.template)!;
      const supersedes = c.settings.supersedes?.map((name) => templateAsTyped(world.ca, name)!.name);
      const settings = { ...c.settings, ...(supersedes ? { supersedes } : {}) };
      return accept({
        type: 'TemplateSettingsChanged',
        data: { template: template.name, tab: c.tab, settings, minorRevision: template.minorRevision + 1 },
      });
    })
    .with({ type: 'ApproveRequest' }, (c) => approve(world, c))
    .with({ type: 'DenyRequest' }, (c) => {
      const found = pendingOf(world, c, 'deny');
      if ('kind' in found) return found;
      return accept({ type: 'CertificateRequestDenied', data: { ca: found.authority.name, requestId: found.pending.requestId } });
    })
    .with({ type: 'RenewCertificate' }, (c) => renew(world, c))
    .exhaustive();
