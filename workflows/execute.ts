import type { SimTime } from '../domain/index.ts';
import {
  crlPublishedEvent,
  decide,
  exportEvents,
  issuanceEvents,
  reactionsTo,
  timed,
  type LabEvent,
  type RecordedEvent,
  type Rejection,
  type Timed,
  type World,
} from '../domain/index.ts';
import { detached, workingWorld, type WorkingWorld } from '../projections/index.ts';
import type { LabPorts, PendingEvent } from './ports.ts';

export const stamp = (events: readonly LabEvent[], at: SimTime): PendingEvent[] => events.map((e) => ({ ...e, at }) as PendingEvent);

export const recorded = (events: readonly PendingEvent[], after: number): RecordedEvent[] =>
  events.map((e, i) => ({ ...e, position: after + i + 1 }) as RecordedEvent);

/** Reads the PFX files a command names, so that the pure decider sees what they hold. */
const prepare = async (ports: LabPorts, command: Timed): Promise<Timed> =>
  command.type === 'CreateCloudDistributionPoint' || command.type === 'ImportDistributionPointCertificate'
    ? { ...command, pfx: { ...command.pfx, facts: await ports.pfx.read(command.pfx.file, command.pfx.password) } }
    : command;

/**
 * Carries out one command in a working world the step owns: decide, then the IO a decision asks for (a key and a
 * signature for `sign`, a CRL signature for `sign-crl`, a file for `export`), then the world's own reactions
 * (a restarted computer autoenrolls, a base CRL is followed by its delta). An autoenrollment pass is decided again
 * after each issuance until nothing is missing. A rejection leaves the working world as the command found it.
 */
export const executeIn = async (ports: LabPorts, working: WorkingWorld, first: Timed): Promise<LabEvent[] | Rejection> => {
  const { at } = first;
  const savepoint = working.applied;
  const produced: LabEvent[] = [];
  const queue: Timed[] = [first];
  const keep = (decided: readonly LabEvent[]) => {
    const events = decided.map(detached);
    produced.push(...events);
    working.apply(recorded(stamp(events, at), working.world.position));
    queue.push(...events.flatMap(reactionsTo).map((reaction) => timed(reaction, at)));
  };
  const rejected = (rejection: Rejection) => {
    if (working.applied > savepoint) working.rollback(savepoint);
    return rejection;
  };
  while (queue.length > 0) {
    const command = await prepare(ports, queue.shift()!);
    for (let pass = 0; pass < 50; pass += 1) {
      const world = working.world;
      const decision = decide(command, world);
      if (decision.kind === 'rejected') return rejected(decision.rejection);
      if (decision.kind === 'accepted') {
        keep(decision.events);
        break;
      }
      if (decision.kind === 'export') {
        const issued = Object.values(world.ca.issued).find((c) => c.thumbprint === decision.draft.thumbprint)!;
        const chain = Object.values(world.ca.authorities)
          .filter((a) => a.name === issued.ca)
          .map((a) => a.certificate);
        const { encryption, friendlyName, providerName } = decision.draft;
        await ports.pfx.write(
          decision.draft.file,
          { certificate: issued.der, chain, keyRef: decision.draft.keyRef },
          decision.draft.password,
          { encryption, friendlyName, providerName },
        );
        keep(exportEvents(decision.draft));
        break;
      }
      if (decision.kind === 'sign-crl') {
        keep([crlPublishedEvent(decision.draft, (await ports.signer.signCrl(decision.draft.profile)).der)]);
        break;
      }
      // A renewal with the same key names the key it already has; the key store hands back its public half.
      const publicKey = await ports.keys.generate(decision.draft.keyRef, decision.draft.keySize);
      const { der, thumbprint } = await ports.signer.sign({ ...decision.profile, publicKey });
      keep([...decision.before, ...issuanceEvents(decision.draft, der, thumbprint), ...(decision.after ?? [])]);
      if (command.type !== 'Autoenroll') break;
    }
  }
  return produced;
};

/** One command against a world of its own: `executeIn` on a working world made for it and finished after. */
export const execute = async (ports: LabPorts, start: World, first: Timed): Promise<{ events: LabEvent[]; world: World } | Rejection> => {
  const working = workingWorld(start);
  const outcome = await executeIn(ports, working, first);
  return Array.isArray(outcome) ? { events: outcome, world: working.finish() } : outcome;
};
