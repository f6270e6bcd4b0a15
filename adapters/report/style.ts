/** The report's stylesheet, inlined in the page: system fonts only, nothing fetched. */
export const reportStyle = `
:root { --ok: #15803d; --bad: #b91c1c; --off: #6b7280; --now: #b45309; --line: #e5e7eb; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #111827; background: #f9fafb; }
header { background: #1f2937; color: #f9fafb; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: #d1d5db; }
nav a { color: #bfdbfe; margin-right: 16px; }
main { padding: 8px 24px 48px; max-width: 1200px; }
section { margin-top: 24px; }
h2 { border-bottom: 2px solid var(--line); padding-bottom: 4px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.card h3 { margin: 0 0 8px; font-size: 16px; }
.muted { color: var(--off); }
code, pre { font: 12.5px/1.4 ui-monospace, "Cascadia Mono", Consolas, monospace; }
pre { white-space: pre-wrap; margin: 4px 0; }
ul.inputs { list-style: none; padding: 0; margin: 0; }
ul.inputs li { padding: 2px 0; }
.mark { display: inline-block; width: 1.4em; font-weight: bold; }
.done .mark { color: var(--ok); }
.skipped { color: var(--off); }
.rejected .mark, .rejected .code { color: var(--bad); }
.code { font-weight: bold; }
.reason { display: block; margin-left: 1.4em; color: #374151; }
.chart { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; margin: 8px 0; }
.phase { border: 1px dashed #cbd5e1; border-radius: 6px; padding: 4px; display: flex; gap: 4px; flex-wrap: wrap; align-items: center; }
.phase > .name { font-size: 11px; color: var(--off); width: 100%; }
.step { border: 1px solid #cbd5e1; border-radius: 4px; padding: 2px 6px; font-size: 12px; background: #fff; }
.step.done { background: #dcfce7; border-color: var(--ok); }
.step.current { background: #fde68a; border: 2px solid var(--now); font-weight: bold; }
.step.skipped { background: #f3f4f6; border-style: dashed; }
.step.rejected { background: #fee2e2; border: 2px solid var(--bad); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 11px; padding: 1px 6px; border-radius: 3px; color: #fff; background: var(--off); }
.sev.critical, .sev.high { background: var(--bad); }
.sev.medium { background: var(--now); }
.sev.low { background: #2563eb; }
a { color: #1d4ed8; }
:target { background: #fef9c3; }
details summary { cursor: pointer; }
`;
