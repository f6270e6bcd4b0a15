import { map, pairwise, scan, startWith, type OperatorFunction } from 'rxjs';
import { emptyWorld, evaluateFindings, type Finding, type RecordedEvent, type World } from '../domain/index.ts';
import { diffWorlds, type Change } from './diff.ts';
import { fold } from './fold.ts';

/** A live view of a lab: each batch of appended events folded onto the world before it. */
export const worlds = (from: World = emptyWorld): OperatorFunction<readonly RecordedEvent[], World> =>
  scan((world: World, events: readonly RecordedEvent[]) => fold(events, world), from);

/** What each new world changed and which findings it brought, against the world before it. */
export const progress =
  (from: World = emptyWorld): OperatorFunction<World, { world: World; changes: Change[]; newFindings: Finding[] }> =>
  (worlds$) =>
    worlds$.pipe(
      startWith(from),
      pairwise(),
      map(([before, after]) => {
        const known = new Set(evaluateFindings(before).map((f) => f.id));
        return {
          world: after,
          changes: diffWorlds(before, after, { findings: false }),
          newFindings: evaluateFindings(after).filter((f) => !known.has(f.id)),
        };
      }),
    );
