import { isSecretRef, type KeyRef, type RecordedEvent } from '../domain/index.ts';
import type { LabPorts, PendingEvent } from '../workflows/index.ts';

/** The private keys and secret references a stretch of log refers to. */
export const referencesOf = (events: readonly RecordedEvent[]): { keys: KeyRef[]; secrets: string[] } => ({
  keys: [
    ...new Set(
      events.flatMap((e) =>
        e.type === 'CaInstalled' ? [e.data.authority.keyRef] : e.type === 'CertificateInstalled' ? [e.data.keyRef] : [],
      ),
    ),
  ],
  secrets: [
    ...new Set(
      events.flatMap((e) =>
        e.type === 'ActionTaken'
          ? Object.values((e.data.choice ?? {}) as object)
              .filter(isSecretRef)
              .map((r) => r.secret)
          : [],
      ),
    ),
  ],
});

/**
 * Copies a lab's history into another lab through the ports: keys and secrets first (a crash leaves unused
 * ones at worst), then the events in one append. The target must be a new, empty lab.
 */
export const copyLab = async (
  from: Pick<LabPorts, 'keys' | 'secrets'>,
  events: readonly RecordedEvent[],
  to: LabPorts,
  labId: string,
): Promise<void> => {
  const refs = referencesOf(events);
  for (const ref of refs.keys) if (await from.keys.has(ref)) await to.keys.put(ref, await from.keys.privateKey(ref));
  for (const secret of refs.secrets)
    if (await from.secrets.has({ secret })) await to.secrets.put({ secret }, await from.secrets.reveal({ secret }));
  await to.events.append(
    labId,
    events.map(({ position: _, ...e }) => e as PendingEvent),
    0,
  );
};
