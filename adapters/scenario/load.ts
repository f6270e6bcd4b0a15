import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { defaultCaSettings, isSimTime, type CaSettings, type CaSetup } from '../../domain/index.ts';
import { ChoiceError, findProcedure, resolveChoices, type Expectations, type Scenario, type ScenarioProcedure, type StepOverride } from '../../workflows/index.ts';

/** A scenario file that cannot be run, with where and why. Exit code 2 in the CLI. */
export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly problem: string) {
    super(line > 0 ? `${file}:${line}:${column}: ${problem}` : `${file}: ${problem}`);
  }
}

type Path = (string | number)[];

const where = (doc: Document, lines: LineCounter, path: Path): { line: number; col: number } => {
  for (let cut = path.length; cut >= 0; cut -= 1) {
    const node = doc.getIn(path.slice(0, cut), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
};

/** `steps.request-certificate.dnsNames[0]` → ['steps', 'request-certificate', 'dnsNames', 0] */
const splitPath = (path: string): Path => path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** lab.ca.settings: the CA settings a scenario starts from, each checked against what AD CS allows. */
const parseCaSettings = (raw: Record<string, unknown>, fail: (path: Path, problem: string) => never): Partial<CaSettings> => {
  const known = Object.keys(defaultCaSettings);
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!known.includes(key)) fail([key], `unknown CA setting "${key}"; expected one of ${known.join(', ')}`);
    const fallback = defaultCaSettings[key as keyof CaSettings];
    if (typeof fallback === 'boolean' && typeof value !== 'boolean') fail([key], `expected true or false, found ${JSON.stringify(value)}`);
    if (Array.isArray(fallback) && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) fail([key], `expected a list of names, found ${JSON.stringify(value)}`);
    if (key === 'webEnrollment' && !['none', 'http', 'https', 'https-epa'].includes(String(value))) fail([key], `expected none, http, https or https-epa, found ${JSON.stringify(value)}`);
    settings[key] = value;
  }
  return settings as Partial<CaSettings>;
};

const describe = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/** Parses and validates a scenario; every problem names file, line and column. */
export const parseScenario = (file: string, text: string): Scenario => {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    throw new ScenarioError(file, pos.line, pos.col, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const fail = (path: Path, problem: string): never => {
    const pos = where(doc, lines, path);
    throw new ScenarioError(file, pos.line, pos.col, problem);
  };
  const root = doc.toJS() as Record<string, unknown> | null;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return fail([], 'expected a mapping with scenario, lab, procedures and expect');
  const known = ['scenario', 'title', 'description', 'lab', 'procedures', 'expect'];
  for (const key of Object.keys(root)) if (!known.includes(key)) fail([key], `unknown field "${key}"; expected one of ${known.join(', ')}`);
  const text_ = (value: unknown, path: Path, what: string): string =>
    typeof value === 'string' && value.trim() ? value : fail(path, `expected ${what}, found ${describe(value)}`);

  const name = text_(root.scenario, ['scenario'], 'the scenario name (a string)');
  const lab = (root.lab ?? {}) as Record<string, unknown>;
  const startsAt = lab.startsAt === undefined ? undefined : lab.startsAt instanceof Date ? lab.startsAt.toISOString() : String(lab.startsAt);
  if (startsAt !== undefined && !isSimTime(startsAt)) fail(['lab', 'startsAt'], `expected an ISO time in UTC such as 2026-11-02T09:00:00Z, found ${describe(lab.startsAt)}`);
  const ca = (lab.ca ?? {}) as Record<string, unknown>;
  const edition = ca.edition ?? 'enterprise';
  const os = ca.os ?? 'windows-server-2008';
  if (edition !== 'enterprise' && edition !== 'standard') fail(['lab', 'ca', 'edition'], `expected enterprise or standard, found ${describe(edition)}`);
  if (os !== 'windows-server-2008' && os !== 'windows-server-2012') fail(['lab', 'ca', 'os'], `expected windows-server-2008 or windows-server-2012, found ${describe(os)}`);
  const settings = parseCaSettings((ca.settings ?? {}) as Record<string, unknown>, (path, problem) => fail(['lab', 'ca', 'settings', ...path], problem));

  if (!Array.isArray(root.procedures) || root.procedures.length === 0) fail(['procedures'], `expected a list of procedures, found ${describe(root.procedures)}`);
  const procedures = (root.procedures as unknown[]).map((entry, i): ScenarioProcedure => {
    const e = (typeof entry === 'string' ? { procedure: entry } : entry) as Record<string, unknown>;
    const id = text_(e?.procedure, ['procedures', i, 'procedure'], 'a procedure id');
    const procedure = findProcedure(id) ?? fail(['procedures', i, 'procedure'], `unknown procedure "${id}"`);
    const steps = (e.steps ?? {}) as Record<string, StepOverride>;
    try {
      resolveChoices(procedure, steps);
    } catch (error) {
      if (!(error instanceof ChoiceError)) throw error;
      fail(['procedures', i, ...splitPath(error.path)], `${procedure.id}: ${error.message}`);
    }
    return { procedure: id, steps };
  });

  const expect = (root.expect ?? {}) as Record<string, unknown>;
  const listOf = (key: string): Record<string, unknown>[] => {
    const value = expect[key] ?? [];
    return Array.isArray(value) ? value : fail(['expect', key], `expected a list, found ${describe(value)}`);
  };
  const expectations: Expectations = {
    certificates: listOf('certificates').map((c, i) => ({
      host: text_(c.host, ['expect', 'certificates', i, 'host'], 'a host name'),
      template: text_(c.template, ['expect', 'certificates', i, 'template'], 'a template name'),
      store: c.store === undefined ? undefined : c.store === 'personal' || c.store === 'amt-firmware' ? c.store : fail(['expect', 'certificates', i, 'store'], `expected personal or amt-firmware, found ${describe(c.store)}`),
      present: c.present === undefined ? undefined : Boolean(c.present),
      dnsNames: c.dnsNames as string[] | undefined,
      upns: c.upns as string[] | undefined,
      ekus: c.ekus as string[] | undefined,
      subject: c.subject as string | undefined,
    })),
    bindings: listOf('bindings').map((b, i) => ({
      host: text_(b.host, ['expect', 'bindings', i, 'host'], 'a host name'),
      site: text_(b.site, ['expect', 'bindings', i, 'site'], 'an IIS site name'),
      template: b.template as string | undefined,
    })),
    rejections: listOf('rejections').map((r, i) => ({
      step: text_(r.step, ['expect', 'rejections', i, 'step'], 'a step id'),
      code: text_(String(r.code ?? ''), ['expect', 'rejections', i, 'code'], 'an error code such as 0x80094012'),
      procedure: r.procedure as string | undefined,
    })),
    findings: listOf('findings').map((f, i) => ({
      rule: text_(f.rule, ['expect', 'findings', i, 'rule'], 'a finding rule such as ESC1 or OP-PENDING-RESTART'),
      ...(f.subject === undefined ? {} : { subject: text_(f.subject, ['expect', 'findings', i, 'subject'], 'an entity such as template:ConfigMgrWebServerCertificate') }),
    })),
    completed: (expect.completed ?? []) as string[],
  };
  return {
    file,
    name,
    title: typeof root.title === 'string' ? root.title : name,
    lab: { startsAt, ca: { edition, os, ...(Object.keys(settings).length ? { settings } : {}) } as CaSetup },
    procedures,
    expect: expectations,
  };
};

export const loadScenario = async (file: string): Promise<Scenario> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, 0, 0, `cannot read the scenario file (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)})`);
  }
  return parseScenario(file, text);
};

export const scenarioSlug = (scenario: Scenario): string => scenario.name.replace(/[^A-Za-z0-9._-]+/g, '-') || basename(scenario.file).replace(/\.ya?ml$/, '');
