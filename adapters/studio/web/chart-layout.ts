import type { ChartAnswer, ChartNode } from '../api.ts';

/**
 * Where the studio draws a procedure chart: the machine's steps (its leaf states) one under the other, in bands
 * for the phases (compound states) that hold them, and its transitions as arrows between steps. Pure, no DOM.
 */
interface ChartLayout {
  steps: ChartNode[];
  bands: Array<{ title: string; first: number; last: number }>;
  arrows: Array<{ from: number; to: number; label: string; guard: string }>;
}

type ChartInput = { readonly nodes: readonly ChartNode[]; readonly edges: ReadonlyArray<ChartAnswer['edges'][number]> };

export const layoutChart = (chart: ChartInput): ChartLayout => {
  const phases = new Set(chart.nodes.map((n) => n.phase).filter((p) => p !== ''));
  const steps = chart.nodes.filter((n) => !phases.has(n.id));
  const row = new Map(steps.map((n, i) => [n.id, i]));
  const titles = new Map(chart.nodes.map((n) => [n.id, n.label]));
  const bands: ChartLayout['bands'] = [];
  steps.forEach((n, i) => {
    const last = bands[bands.length - 1];
    const title = n.phase === '' ? '' : (titles.get(n.phase) ?? n.phase);
    if (last && last.title === title) last.last = i;
    else bands.push({ title, first: i, last: i });
  });
  /** A transition into a phase enters its first step; one out of a phase leaves from its last. */
  const stepOf = (id: string, end: 'first' | 'last'): number | undefined => {
    if (row.has(id)) return row.get(id);
    const inside = steps.map((n, i) => ({ n, i })).filter(({ n }) => n.phase === id || n.phase.startsWith(`${id}.`));
    return (end === 'first' ? inside[0] : inside[inside.length - 1])?.i;
  };
  const arrows = chart.edges.flatMap((e) => {
    const from = stepOf(e.from, 'last');
    const to = stepOf(e.to, 'first');
    const [, label = e.label, guard = ''] = e.label.match(/^(.*?)\s*(\[.*\])?$/) ?? [];
    return from === undefined || to === undefined ? [] : [{ from, to, label, guard }];
  });
  return { steps, bands: bands.filter((b) => b.title !== ''), arrows };
};
