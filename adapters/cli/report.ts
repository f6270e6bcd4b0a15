import { evaluateFindings, type Finding } from '../../domain/index.ts';
import type { PfxFiles, ScenarioRun, StepReport } from '../../workflows/index.ts';
import type { Artifacts } from '../artifacts.ts';
import { findingJson, rejectionJson } from '../json-shapes.ts';

/** The machine-readable report of one scenario run (`pkilab run --json`). */
export const jsonReport = (scenario: string, log: string, run: ScenarioRun, artifacts: Artifacts, pfx: Pick<PfxFiles, 'pathOf'>) => ({
  ok: run.ok,
  scenario,
  log,
  caCertificate: artifacts.caCertificate,
  certificates: artifacts.certificates,
  certEnroll: artifacts.certEnroll,
  bindings: Object.entries(run.lab.world.hosts.iis).flatMap(([host, sites]) =>
    Object.values(sites).flatMap((site) =>
      site.bindings
        .filter((b) => b.thumbprint)
        .map((b) => ({ host, site: site.name, protocol: b.protocol, port: b.port, thumbprint: b.thumbprint! })),
    ),
  ),
  pfx: run.lab.events.flatMap((e) => {
    if (e.type !== 'CertificateExported') return [];
    const issued = Object.values(run.lab.world.ca.issued).find((c) => c.thumbprint === e.data.thumbprint);
    return [
      {
        host: e.data.host,
        template: issued ? (run.lab.world.ca.templates[issued.template]?.displayName ?? issued.template) : null,
        thumbprint: e.data.thumbprint,
        path: pfx.pathOf(e.data.file),
      },
    ];
  }),
  rejections: run.lab.world.rejections.map(rejectionJson),
  findings: evaluateFindings(run.lab.world).map(findingJson),
  steps: run.steps.map((s) => ({ procedure: s.procedure, step: s.step, outcome: s.outcome, at: s.at ?? null })),
  expectations: run.expectations.map((e) => ({ name: e.name, ok: e.ok, detail: e.detail })),
});

const marks: Record<StepReport['outcome'], string> = { done: '✓', skipped: '–', rejected: '✗', 'not-reached': '·' };

/** One progress line per step, as a run prints it. */
export const stepLine = (s: StepReport): string => {
  const time = s.at ? s.at.slice(11, 16) : '     ';
  const detail =
    s.outcome === 'rejected' && s.rejection
      ? `\n      ${s.rejection.code} ${s.rejection.name}: ${s.rejection.reason}`
      : s.outcome === 'skipped'
        ? ' (skipped)'
        : s.outcome === 'not-reached'
          ? ' (not reached)'
          : '';
  return `  ${marks[s.outcome]} ${time}  ${s.title}${detail}`;
};

/** Findings as a person reads them: severity, id, what is wrong, what to do. */
export const findingLines = (findings: readonly Finding[]): string[] =>
  findings.flatMap((f) => [
    `  [${f.severity}] ${f.id} (events ${f.causedBy.join(', ') || '—'})`,
    `      ${f.message}`,
    `      fix: ${f.fix.procedure}`,
    ...(f.fix.command ? [`      command: ${f.fix.command}`] : []),
  ]);

export const summaryLines = (run: ScenarioRun, log: string, artifacts: Artifacts): string[] => [
  `Findings (${evaluateFindings(run.lab.world).length}):`,
  ...findingLines(evaluateFindings(run.lab.world)),
  'Expectations:',
  ...run.expectations.map((e) => `  ${e.ok ? '✓' : '✗'} ${e.name}${e.ok ? '' : ` — ${e.detail}`}`),
  `${run.ok ? 'PASS' : 'FAIL'}: ${artifacts.certificates.length} certificate(s), ${run.lab.world.rejections.length} rejection(s), ${run.lab.events.length} events`,
  `  log: ${log}`,
  `  CA certificate: ${artifacts.caCertificate}`,
  ...artifacts.certEnroll.map((f) => `  CertEnroll (${f.kind}): ${f.path}`),
  ...artifacts.certificates.map(
    (c) => `  ${c.host}\\${c.store === 'personal' ? 'Personal' : 'AMT firmware'}: ${c.template} ${c.thumbprint} → ${c.pem}`,
  ),
];
