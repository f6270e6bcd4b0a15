import type { ChartNode, ProcedureChart } from '../charts/index.ts';
import { mermaid } from '../charts/index.ts';
import { html, type Markup } from './html.ts';
import type { EventLine, InputRow, ProcedureRun, ReportModel } from './model.ts';
import { reportStyle } from './style.ts';

const marks = { done: '✓', skipped: '–', rejected: '✗' } as const;
const time = (at: string) => at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '');
const eventLink = (position: number) => html`<a href="#e${position}">${position}</a>`;
/** At most this many events are listed for one change or finding; the rest are counted. */
const listed = 12;
const more = (count: number) => (count > listed ? html` and ${count - listed} more` : '');
const links = (positions: readonly number[]) => [
  positions.slice(0, listed).map((p, i) => html`${i ? ', ' : ''}${eventLink(p)}`),
  more(positions.length),
];

const inputRow = (row: InputRow): Markup => html`<li class="${row.status}" id="i${row.position}">
  <span class="mark">${marks[row.status]}</span><code>${time(row.at)}</code> ${row.title}
  ${row.status === 'skipped' ? html`<span class="muted">(left out)</span>` : ''}
  ${row.rejection ? html`<span class="code">${row.rejection.code}</span> ${row.rejection.name}<span class="reason">${row.rejection.reason}</span>` : ''}
  <span class="muted">· event ${eventLink(row.position)}</span></li>`;

/** The chart as boxes: each step coloured by its status, grouped in its phase; the Mermaid text beside it. */
const chartBoxes = (chart: ProcedureChart): Markup => {
  const step = (n: ChartNode) => html`<span class="step ${n.status}" title="${n.status}">${n.label}</span>`;
  const level = (phase: string): Markup[] =>
    chart.nodes
      .filter((n) => n.phase === phase && n.kind !== 'final')
      .map((n) => (n.kind === 'phase' ? html`<div class="phase"><span class="name">${n.label}</span>${level(n.id)}</div>` : step(n)));
  return html`<div class="chart">${level('')}</div>
  <details><summary class="muted">Mermaid (pkilab procedures --mermaid)</summary><pre>${mermaid(chart)}</pre></details>`;
};

const runCard = (run: ProcedureRun): Markup => html`<div class="card" id="run${run.from}">
  <h3>${run.title} <span class="muted">(${run.procedure}, events ${run.from}–${run.to})</span></h3>
  ${run.chart ? chartBoxes(run.chart) : ''}
  <ul class="inputs">${run.inputs.map(inputRow)}</ul>
  <details ${run.changes.length <= 12 ? 'open' : ''}><summary>What it changed (${run.changes.length})</summary>
  <ul>${run.changes.map((c) => html`<li><code>${c.area}</code> ${c.text} ${c.positions.length ? html`<span class="muted">(events ${links(c.positions)})</span>` : ''}</li>`)}</ul>
  </details></div>`;

const eventRow = (e: EventLine) =>
  html`<tr id="e${e.position}"><td>${e.position}</td><td><code>${time(e.at)}</code></td><td>${e.where}</td><td>${e.type}</td><td>${e.text}</td></tr>`;

const findingsTable = (model: ReportModel): Markup =>
  model.findings.length === 0
    ? html`<p>No finding at the end of the log.</p>`
    : html`<table><tr><th>Severity</th><th>Finding</th><th>What is wrong</th><th>Fix</th><th>Caused by</th></tr>
  ${model.findings.map(
    (f) => html`<tr id="f-${f.id}"><td><span class="sev ${f.severity}">${f.severity}</span></td>
    <td><b>${f.rule}</b><br><code>${f.subject}</code></td><td>${f.message}</td>
    <td>${f.fix.procedure}${f.fix.command ? html`<pre>${f.fix.command}</pre>` : ''}</td>
    <td><ul>${f.events.slice(0, listed).map((e) => html`<li>${eventLink(e.position)} <code>${time(e.at)}</code> ${e.where}: ${e.text}</li>`)}</ul>${more(f.events.length)}</td></tr>`,
  )}
  </table>`;

/** The whole report as one HTML document: inline style, no script, nothing loaded from anywhere. */
export const reportPage = (model: ReportModel): string => {
  const rejections = model.runs.flatMap((r) => r.inputs).filter((i) => i.status === 'rejected').length;
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pkilab report: ${model.source}</title>
<style>${{ markup: reportStyle }}</style></head>
<body><header><h1>pkilab report</h1>
<p><code>${model.source}</code> · ${model.events} events · simulated time ${time(model.started)} → ${time(model.ended)}
 · ${model.runs.length} procedure run(s) · ${rejections} rejection(s) · ${model.findings.length} finding(s)</p>
<nav><a href="#findings">Findings</a><a href="#timeline">Timeline and changes</a><a href="#world">World at the end</a><a href="#log">All events</a></nav>
</header><main>
<section id="findings"><h2>Findings at the end (${model.findings.length})</h2>${findingsTable(model)}</section>
<section id="timeline"><h2>Timeline by procedure</h2>
<p class="muted">✓ done · – left out · ✗ rejected, with the AD CS code. Each procedure's chart is drawn from its state machine.</p>
${model.runs.map(runCard)}</section>
<section id="world"><h2>The world at the end</h2>
${model.world.map((s) => html`<div class="card"><h3>${s.section}</h3><pre>${s.lines.join('\n')}</pre></div>`)}</section>
<section id="log"><h2>All events</h2>
${
  model.log.length
    ? html`<details><summary>${model.events} events, in words</summary><table><tr><th>#</th><th>Time</th><th>Step</th><th>Event</th><th>What happened</th></tr>${model.log.map(eventRow)}</table></details>`
    : html`<p class="muted">The log holds ${model.events} events, more than a page lists; pkilab travel shows any of them.</p>`
}
</section></main></body></html>
`.markup;
};
