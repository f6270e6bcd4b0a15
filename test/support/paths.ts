import { getAdjacencyMap } from 'xstate/graph';
import type { AnyStateMachine, EventObject, SnapshotFrom } from 'xstate';

export interface PathToDone<TSnapshot, TEvent> {
  readonly state: TSnapshot;
  readonly steps: readonly { readonly state: TSnapshot; readonly event: TEvent }[];
}

/**
 * Every simple path (no state twice) from the initial state to a final state: the paths of xstate/graph's
 * `getSimplePaths` whose state is done, found in one depth-first walk over the adjacency map instead of one
 * walk per reachable state (getSimplePaths walks to every state, then the caller throws most paths away).
 */
export const simplePathsToDone = <TMachine extends AnyStateMachine, TEvent extends EventObject>(
  machine: TMachine,
  options: { events: (snapshot: SnapshotFrom<TMachine>) => TEvent[]; serializeState: (snapshot: SnapshotFrom<TMachine>) => string },
): PathToDone<SnapshotFrom<TMachine>, TEvent>[] => {
  type Snapshot = SnapshotFrom<TMachine>;
  type Edges = Record<string, { event: TEvent; state: Snapshot }>;
  const adjacency = getAdjacencyMap(machine, options as never) as unknown as Record<string, { transitions: Edges }>;
  const initial = machine.getInitialSnapshot({} as never) as SnapshotFrom<TMachine>;
  const paths: PathToDone<SnapshotFrom<TMachine>, TEvent>[] = [];
  const onPath = new Set<string>();
  const steps: { state: SnapshotFrom<TMachine>; event: TEvent }[] = [];
  const walk = (serial: string, state: SnapshotFrom<TMachine>) => {
    if ((state as { status?: string }).status === 'done') paths.push({ state, steps: [...steps] });
    onPath.add(serial);
    for (const { event, state: next } of Object.values(adjacency[serial]?.transitions ?? {})) {
      const nextSerial = options.serializeState(next);
      if (onPath.has(nextSerial)) continue;
      steps.push({ state, event });
      walk(nextSerial, next);
      steps.pop();
    }
    onPath.delete(serial);
  };
  walk(options.serializeState(initial), initial);
  return paths;
};
