import { isAlias, isCollection, isPair, isScalar, visit, type Alias, type Document } from 'yaml';

/**
 * How big a YAML document is as written and once every alias is replaced by what its anchor holds, counted on the
 * parsed nodes (scalars, collections, aliases) without building any value. `cycleAt` is the offset of the first
 * alias that sits inside its own anchor (a value that would contain itself), `unresolved` the first alias naming no
 * anchor before it, if any.
 */
interface AliasExpansion {
  readonly written: number;
  readonly expanded: number;
  readonly cycleAt: number | undefined;
  readonly unresolved: { readonly name: string; readonly at: number } | undefined;
}

/** An anchor whose node is still being counted: an alias to it loops back into its own anchor. */
const open = -1;

/**
 * Counts in document order, as the YAML library resolves aliases: an alias names the last anchor of that name
 * before it. One pass over the written nodes, so a bomb is measured without being expanded.
 */
export const aliasExpansion = (doc: Document): AliasExpansion => {
  const anchors = new Map<string, number>();
  let written = 0;
  let cycleAt: number | undefined;
  let unresolved: AliasExpansion['unresolved'];
  /** What an alias stands for: its anchor's count, or one node when it loops back or names nothing (both noted). */
  const aliased = (node: Alias): number => {
    const anchored = anchors.get(node.source);
    if (anchored === open) cycleAt ??= node.range?.[0] ?? 0;
    if (anchored === undefined) unresolved ??= { name: node.source, at: node.range?.[0] ?? 0 };
    return anchored === undefined || anchored === open ? 1 : anchored;
  };
  const size = (node: unknown): number => {
    if (isPair(node)) return size(node.key) + size(node.value);
    if (!isAlias(node) && !isScalar(node) && !isCollection(node)) return 0;
    written += 1;
    if (isAlias(node)) return aliased(node);
    if (node.anchor) anchors.set(node.anchor, open);
    const total = isCollection(node) ? node.items.reduce((sum: number, item) => sum + size(item), 1) : 1;
    if (node.anchor) anchors.set(node.anchor, total);
    return total;
  };
  const expanded = size(doc.contents);
  return { written, expanded, cycleAt, unresolved };
};

/** How many times its written size a document may grow through its aliases before it counts as an alias bomb. */
export const maxExpansion = 100;

/** What is wrong with a document's aliases, and the offset to point at; undefined when they are fine. */
export const aliasProblem = (doc: Document): { readonly problem: string; readonly at: number | undefined } | undefined => {
  const { written, expanded, cycleAt, unresolved } = aliasExpansion(doc);
  if (unresolved) return { problem: `the alias *${unresolved.name} names no anchor &${unresolved.name} before it`, at: unresolved.at };
  if (cycleAt !== undefined) {
    return { problem: 'an alias here sits inside its own anchor (a value that contains itself); write the value out', at: cycleAt };
  }
  if (expanded <= maxExpansion * written) return undefined;
  return {
    problem: `the aliases here expand into more than ${maxExpansion} times their size (an alias bomb?); write the values out or use fewer aliases`,
    at: firstAlias(doc),
  };
};

const firstAlias = (doc: Document): number | undefined => {
  let at: number | undefined;
  visit(doc, {
    Alias: (_, node) => {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
};
