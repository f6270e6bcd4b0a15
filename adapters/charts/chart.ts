import type { StateValue } from 'xstate';

/** How far a procedure got at one step (or phase) of its chart. */
export type StepStatus = 'done' | 'current' | 'skipped' | 'rejected' | 'upcoming';

/** A state of the machine: a step, a phase holding steps, or a final state. */
export interface ChartNode {
  /** The state's path in the machine, keys joined by dots (`configure.subject-name`). */
  readonly id: string;
  readonly label: string;
  /** The path of the state holding it ('' for a state of the machine's top level). */
  readonly phase: string;
  readonly status: StepStatus;
  readonly kind: 'step' | 'phase' | 'final';
  /** For a phase: the id of the state it starts in. */
  readonly initial?: string;
}

/** A transition of the machine: its event, and its guard when the guard has a name. */
export interface ChartEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** A procedure's machine drawn from its definition, with where a lab stands in it. */
export interface ProcedureChart {
  readonly machine: string;
  /** The state the machine starts in. */
  readonly initial: string | null;
  readonly nodes: readonly ChartNode[];
  readonly edges: readonly ChartEdge[];
  /** The states the machine is in now (empty before the procedure started). */
  readonly current: readonly string[];
}

/** Where a procedure stands, as data: the machine's state value, and each step's last outcome. */
export interface ChartProgress {
  /** The snapshot's state value; undefined when the procedure has not started. */
  readonly value?: StateValue;
  /** Choices accepted so far by step id (the state's key); null for a step left out. */
  readonly choices: Readonly<Record<string, unknown>>;
  /** Steps whose last input was rejected and that no input has passed since. */
  readonly rejected: readonly string[];
}

export const notStarted: ChartProgress = { choices: {}, rejected: [] };

/** Any XState machine: the chart reads only its id and its tree of state nodes. */
interface MachineDefinition {
  readonly id: string;
  readonly root: object;
}

interface Definition {
  key: string;
  path: string[];
  type: string;
  description?: string;
  meta?: unknown;
  states: Record<string, Definition>;
  initial: { target: ReadonlyArray<{ path: string[] }> };
  transitions: Map<string, ReadonlyArray<{ target?: ReadonlyArray<{ path: string[] }>; guard?: unknown }>>;
  always?: ReadonlyArray<{ target?: ReadonlyArray<{ path: string[] }>; guard?: unknown }>;
}

const idOf = (path: readonly string[]) => path.join('.');

/** The leaf paths a state value names: `'a'` → a, `{ p: 'a' }` → p.a. */
const leavesOf = (value: StateValue | undefined, prefix: string[] = []): string[] => {
  if (value === undefined) return [];
  if (typeof value === 'string') return [idOf([...prefix, value])];
  return Object.entries(value).flatMap(([key, inner]) =>
    inner === undefined ? [idOf([...prefix, key])] : leavesOf(inner, [...prefix, key]),
  );
};

/** An event type as a reader wants it: xstate's internal done, after and always events in words. */
const eventWords = (type: string): string => {
  if (type.startsWith('xstate.done.state.')) return 'done';
  if (type.startsWith('xstate.after.')) {
    const delay = type.split('.')[2]!;
    return `after ${delay}${/^\d+$/.test(delay) ? ' ms' : ''}`;
  }
  return type;
};

const guardName = (guard: unknown): string | undefined => {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return (guard as { type: string }).type;
  return undefined; // an inline function guard has no name worth showing
};

/** Events under one guard read as one: `ACT or SKIP [isThisStep]`; unguarded events stand alone. */
const edgeLabel = (events: ReadonlyArray<{ type: string; guard?: string }>): string => {
  const guards = [...new Set(events.map((e) => e.guard ?? ''))];
  return guards
    .map((g) => `${[...new Set(events.filter((e) => (e.guard ?? '') === g).map((e) => e.type))].join(' or ')}${g ? ` [${g}]` : ''}`)
    .join(' or ');
};

const edgesOf = (node: Definition): ChartEdge[] => {
  const all = [...node.transitions.entries()].flatMap(([type, list]) => list.map((t) => ({ type: eventWords(type), t })));
  for (const t of node.always ?? []) all.push({ type: 'always', t });
  const edges = new Map<string, { from: string; to: string; events: Array<{ type: string; guard?: string }> }>();
  for (const { type, t } of all) {
    const guard = guardName(t.guard);
    for (const target of t.target ?? []) {
      const key = `${idOf(node.path)}→${idOf(target.path)}`;
      const edge = edges.get(key) ?? { from: idOf(node.path), to: idOf(target.path), events: [] };
      edge.events.push({ type, ...(guard ? { guard } : {}) });
      edges.set(key, edge);
    }
  }
  return [...edges.values()].map((e) => ({ from: e.from, to: e.to, label: edgeLabel(e.events) }));
};

const labelOf = (node: Definition, labels: Readonly<Record<string, string>>): string => {
  const meta = node.meta as { title?: unknown } | undefined;
  return labels[node.key] ?? node.description ?? (typeof meta?.title === 'string' ? meta.title : node.key);
};

/**
 * Draws a machine from its definition: every state node below the root (nested phases included, in
 * document order), every transition with its event and named guard, and each step's status given
 * `progress`. Nothing is assumed about the shape: a flat chain of steps and phases holding steps both work.
 */
export const procedureChart = (
  machine: MachineDefinition,
  progress: ChartProgress = notStarted,
  options: { labels?: Readonly<Record<string, string>> } = {},
): ProcedureChart => {
  const root = machine.root as unknown as Definition;
  const current = leavesOf(progress.value, []);
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];
  const stepStatus = (node: Definition, id: string): StepStatus => {
    const here = current.includes(id);
    if (progress.rejected.includes(node.key) && (here || !Object.hasOwn(progress.choices, node.key))) return 'rejected';
    if (here) return 'current';
    if (Object.hasOwn(progress.choices, node.key)) return progress.choices[node.key] === null ? 'skipped' : 'done';
    return 'upcoming';
  };
  const visit = (node: Definition): StepStatus[] => {
    const id = idOf(node.path);
    const phase = idOf(node.path.slice(0, -1));
    const label = labelOf(node, options.labels ?? {});
    edges.push(...edgesOf(node));
    if (node.type === 'final') {
      nodes.push({ id, label, phase, kind: 'final', status: current.includes(id) ? 'done' : 'upcoming' });
      return [];
    }
    const children = Object.values(node.states);
    if (children.length === 0) {
      const status = stepStatus(node, id);
      nodes.push({ id, label, phase, kind: 'step', status });
      return [status];
    }
    const index = nodes.length;
    const inside = children.flatMap(visit);
    const initial = node.initial.target[0];
    nodes.splice(index, 0, {
      id,
      label,
      phase,
      kind: 'phase',
      status: phaseStatus(inside),
      ...(initial ? { initial: idOf(initial.path) } : {}),
    });
    return inside;
  };
  Object.values(root.states).forEach(visit);
  const initial = root.initial.target[0];
  return { machine: machine.id, initial: initial ? idOf(initial.path) : null, nodes, edges, current };
};

/** A phase is where its steps are: rejected or current when one is, done when all are done or left out. */
const phaseStatus = (steps: readonly StepStatus[]): StepStatus => {
  if (steps.includes('rejected')) return 'rejected';
  if (steps.includes('current')) return 'current';
  if (steps.length && steps.every((s) => s === 'skipped')) return 'skipped';
  if (steps.length && steps.every((s) => s === 'done' || s === 'skipped')) return 'done';
  return 'upcoming';
};
