/**
 * Paths as a tree of their shared beginnings: a walk takes each step of a shared beginning once, however many paths
 * go on from it. `ends` counts the paths that end at a branch; `paths` the paths that go through it.
 */
export interface Branch<TEvent> {
  readonly event: TEvent | undefined;
  readonly children: Map<string, Branch<TEvent>>;
  ends: number;
  paths: number;
}

/** The tree of `paths` (each a list of events); events are told apart by their JSON text. */
export const pathTree = <TEvent>(paths: ReadonlyArray<readonly TEvent[]>): Branch<TEvent> => {
  const root: Branch<TEvent> = { event: undefined, children: new Map(), ends: 0, paths: 0 };
  for (const path of paths) {
    let branch = root;
    branch.paths += 1;
    for (const event of path) {
      const key = JSON.stringify(event);
      let next = branch.children.get(key);
      if (!next) branch.children.set(key, (next = { event, children: new Map(), ends: 0, paths: 0 }));
      branch = next;
      branch.paths += 1;
    }
    branch.ends += 1;
  }
  return root;
};
