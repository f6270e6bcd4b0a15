// Import cycles, between files and between folders: each strongly connected part of the graph with more than
// one member (or a member that imports itself), shown as one cycle through it.
import { dirname } from 'node:path';
import type { SourceGraph } from './imports.ts';

type Edges = ReadonlyMap<string, ReadonlySet<string>>;

/** Tarjan's strongly connected components, iterative over the sorted nodes so the output is stable. */
const components = (edges: Edges): string[][] => {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!index.has(next)) visit(next);
      if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, low.get(next)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const part: string[] = [];
    for (let top = stack.pop()!; ; top = stack.pop()!) {
      onStack.delete(top);
      part.push(top);
      if (top === node) break;
    }
    found.push(part.sort());
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
};

/** The shortest path from `start` back to itself inside `members` (breadth first). */
const loopThrough = (edges: Edges, start: string, members: ReadonlySet<string>): string[] => {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      queue.push(next);
    }
  }
  return [start];
};

/** Every group of mutually importing nodes, one line each: its members, then one loop through them. */
export const cyclesOf = (edges: Edges): string[] =>
  components(edges)
    .filter((part) => part.length > 1 || edges.get(part[0]!)?.has(part[0]!))
    .map((part) => `${part.join(', ')}: ${loopThrough(edges, part[0]!, new Set(part)).join(' → ')}`);

/** File → the files it imports (relative imports only, type-only ones included: they couple the files too). */
export const fileEdges = (graph: SourceGraph): Edges =>
  new Map(
    graph.files.map((file) => [file, new Set(graph.imports.get(file)!.flatMap(({ target }) => (target === undefined ? [] : [target])))]),
  );

/** Folder → the other folders its files import. */
export const folderEdges = (graph: SourceGraph): Edges => {
  const edges = new Map<string, Set<string>>();
  for (const [file, targets] of fileEdges(graph)) {
    const from = dirname(file);
    const into = edges.get(from) ?? edges.set(from, new Set()).get(from)!;
    for (const target of targets) if (dirname(target) !== from) into.add(dirname(target));
  }
  return edges;
};

/** Cycles between files, and between folders. */
export const fileCycles = (graph: SourceGraph): string[] => cyclesOf(fileEdges(graph));
export const folderCycles = (graph: SourceGraph): string[] => cyclesOf(folderEdges(graph));
