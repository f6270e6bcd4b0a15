import type { DirectoryState } from './model.ts';

/** Well-known groups every authenticated account carries in its token. */
export const implicitGroups = ['Everyone', 'Authenticated Users'] as const;

/**
 * Every group a principal belongs to right now, transitively, as a new token would list it:
 * explicit membership, the primary group, and the implicit groups.
 */
export const groupsOf = (directory: DirectoryState, name: string): string[] => {
  const found = new Set<string>(implicitGroups);
  const primary = directory.principals[name]?.primaryGroup;
  const pending = primary ? [name, primary] : [name];
  if (primary) found.add(primary);
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const [group, members] of Object.entries(directory.members)) {
      if (members.includes(current) && !found.has(group)) {
        found.add(group);
        pending.push(group);
      }
    }
  }
  return [...found].sort();
};

/** The principals a token speaks for: the account itself and the groups it carried when issued. */
export const tokenIdentities = (directory: DirectoryState, name: string): string[] => {
  const token = directory.tokens[name];
  return [name, ...(token ? token.groups : groupsOf(directory, name))];
};
