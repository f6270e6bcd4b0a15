import {
  KeyRef,
  Thumbprint,
  SimTime,
  contoso,
  emptyWorld,
  testNetwork,
  type CaOs,
  type LabEvent,
  type RecordedEvent,
  type World,
} from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';

export const startsAt = SimTime('2026-11-02T09:00:00.000Z');

/** Recorded events from plain ones, positions following `after`, all at `at`. */
export const record = (events: readonly LabEvent[], after = 0, at = startsAt): RecordedEvent[] =>
  events.map((e, i) => ({ ...e, position: after + i + 1, at }) as RecordedEvent);

/** The test network without real crypto: a placeholder CA certificate, for decider tests. */
export const givenNetwork = (edition: 'enterprise' | 'standard' = 'enterprise', os: CaOs = 'windows-server-2008'): World =>
  fold(
    record(
      testNetwork(
        startsAt,
        { edition, os },
        { keyRef: KeyRef('ca'), certificate: 'AA==', thumbprint: Thumbprint('CA'), serialTickBase: 0x15fba3bb },
      ),
    ),
  );

/** Applies more events to a world, as a given/when/then `given`. */
export const given = (world: World, ...events: LabEvent[]): World => fold(record(events, world.position, world.now || startsAt), world);

export { contoso, emptyWorld };
