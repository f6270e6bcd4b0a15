import type { ChartEdge, ChartNode, ProcedureChart, StepStatus } from './chart.ts';

/** How each status is drawn (upcoming is left plain); one classDef per status, the same in every drawing. */
const styles: Readonly<Record<Exclude<StepStatus, 'upcoming'>, string>> = {
  done: 'fill:#dcfce7,stroke:#15803d,color:#14532d',
  current: 'fill:#fde68a,stroke:#b45309,stroke-width:3px,color:#451a03,font-weight:bold',
  skipped: 'fill:#f3f4f6,stroke:#9ca3af,stroke-dasharray:5 5,color:#6b7280',
  rejected: 'fill:#fee2e2,stroke:#b91c1c,stroke-width:3px,color:#7f1d1d',
};

/**
 * Mermaid ids are letters, digits and underscores (a hyphen, dot or colon ends an id, and a word starting
 * with `default` is a keyword): each state path becomes such an id, made unique.
 */
const mermaidIds = (nodes: readonly ChartNode[]): Map<string, string> => {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const node of nodes) {
    const base = `s_${node.id.replace(/[^A-Za-z0-9]+/g, '_')}`;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}_${n}`;
    taken.add(id);
    ids.set(node.id, id);
  }
  return ids;
};

/**
 * Text Mermaid's lexer would read as syntax, defused: `%%` (a comment or directive), `direction TB` anywhere on
 * a line (Mermaid takes the whole line for a direction), `<<fork>>`-style and `[[choice]]`-style markers.
 */
const defused = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/%(?=%)/g, '% ')
    .replace(/direction\s+(TB|BT|LR|RL)/gi, (m) => m.replace(/\s+/, '-'))
    .replace(/(<|>|\[|\])(?=\1)/g, '$1 ')
    .trim();
/** A state's description: within double quotes, so none inside; never empty (Mermaid refuses ""). */
const stateText = (text: string, fallback: string) => defused(text.replace(/"/g, "'")) || fallback;
/** A transition's description: after a colon to the end of the line, so no colon, semicolon or `#`. */
const edgeText = (text: string) => defused(text.replace(/[:;#]/g, ' '));

/**
 * Mermaid draws a transition only between states of one level: each edge is placed in the deepest phase
 * holding both ends, its ends lifted to that phase's children (a step leaving its phase for a step of the
 * next is drawn from phase to phase).
 */
const placeEdges = (chart: ProcedureChart): Map<string, ChartEdge[]> => {
  const phaseOf = new Map(chart.nodes.map((n) => [n.id, n.phase]));
  const chain = (id: string): string[] => {
    const out = [id];
    for (let at = phaseOf.get(id); at; at = phaseOf.get(at)) out.push(at);
    return out;
  };
  const placed = new Map<string, ChartEdge[]>();
  for (const edge of chart.edges) {
    const to = chain(edge.to);
    const from = chain(edge.from);
    const level = [...from.slice(1), ''].find((p) => p === '' || to.slice(1).includes(p))!;
    const lift = (path: string[]) => path.find((id) => phaseOf.get(id) === level) ?? path[0]!;
    const list = placed.get(level) ?? [];
    list.push({ ...edge, from: lift(from), to: lift(to) });
    placed.set(level, list);
  }
  return placed;
};

/**
 * The chart as Mermaid stateDiagram-v2 text: each phase a composite state holding its steps, each
 * transition with its event, the start of every level and the final states marked with [*], and the
 * done, current, left-out and rejected steps styled with classDef.
 */
export const mermaid = (chart: ProcedureChart): string => {
  const ids = mermaidIds(chart.nodes);
  const lines = ['stateDiagram-v2', '  direction TB'];
  const children = (phase: string) => chart.nodes.filter((n) => n.phase === phase);
  const placed = placeEdges(chart);
  const level = (phase: string, initial: string | null, indent: string) => {
    for (const node of children(phase)) {
      const id = ids.get(node.id)!;
      lines.push(`${indent}state "${stateText(node.label, id)}" as ${id}`);
      if (node.kind === 'phase') {
        lines.push(`${indent}state ${id} {`);
        level(node.id, node.initial ?? null, `${indent}  `);
        lines.push(`${indent}}`);
      }
      if (node.kind === 'final') lines.push(`${indent}${id} --> [*]`);
    }
    if (initial !== null && ids.has(initial)) lines.push(`${indent}[*] --> ${ids.get(initial)}`);
    for (const edge of placed.get(phase) ?? []) {
      const label = edgeText(edge.label);
      lines.push(`${indent}${ids.get(edge.from)} --> ${ids.get(edge.to)}${label ? ` : ${label}` : ''}`);
    }
  };
  level('', chart.initial, '  ');
  for (const [status, style] of Object.entries(styles)) lines.push(`  classDef ${status} ${style}`);
  for (const status of Object.keys(styles)) {
    const marked = chart.nodes.filter((n) => n.kind !== 'phase' && n.status === status).map((n) => ids.get(n.id)!);
    if (marked.length) lines.push(`  class ${marked.join(',')} ${status}`);
  }
  return `${lines.join('\n')}\n`;
};
