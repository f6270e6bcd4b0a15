import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartOf } from '../../adapters/charts/index.ts';
import { layoutChart } from '../../adapters/studio/web/chart-layout.ts';
import { procedures } from '../../workflows/index.ts';

/** The studio's drawing of a procedure chart, laid out from the real machines' charts (adapters/charts). */
const layout = suite('studio page: procedure chart layout');
const charts = procedures.map((p) => ({ id: p.id, chart: chartOf(p) }));

layout("every step of every procedure gets one row, in the machine's order, and no phase is drawn as a step", () => {
  for (const { id, chart } of charts) {
    const { steps } = layoutChart(chart);
    const phases = new Set(chart.nodes.map((n) => n.phase));
    assert.ok(steps.length >= 3, id);
    assert.equal(
      steps.map((s) => s.id),
      chart.nodes.filter((n) => !phases.has(n.id)).map((n) => n.id),
      id,
    );
  }
});

layout("each phase is one band over consecutive rows, titled with the phase's own label", () => {
  const { bands, steps } = layoutChart(charts.find((c) => c.id === 'iis-web-server-certificate')!.chart);
  assert.equal(bands.map((b) => b.title).slice(0, 2), ['Create the security group', 'Duplicate and name the template']);
  for (const band of bands) {
    const inside = steps.slice(band.first, band.last + 1).map((s) => s.phase);
    assert.is(new Set(inside).size, 1, band.title);
  }
  assert.is(
    bands.reduce((n, b) => n + b.last - b.first + 1, 0),
    steps.filter((s) => s.phase !== '').length,
  );
});

layout('every transition becomes an arrow between two drawn steps: into a phase at its first step, out of it from its last', () => {
  for (const { id, chart } of charts) {
    const { arrows, steps } = layoutChart(chart);
    assert.is(arrows.length, chart.edges.length, id);
    for (const a of arrows)
      assert.ok(a.from >= 0 && a.from < steps.length && a.to >= 0 && a.to < steps.length, `${id}: ${a.from}->${a.to}`);
  }
  const iis = layoutChart(charts.find((c) => c.id === 'iis-web-server-certificate')!.chart);
  const row = (id: string) => iis.steps.findIndex((s) => s.id === id);
  const intoDuplicate = iis.arrows.find((a) => a.from === row('group.create-group'))!;
  assert.is(intoDuplicate.to, row('duplicate.duplicate-template'));
  assert.is(intoDuplicate.label, 'ACT');
  assert.match(intoDuplicate.guard, /^\[.+\]$/);
});

layout.run();
