import { readFile } from 'node:fs/promises';
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { CaSetup } from '../../domain/index.ts';
import {
  ChoiceError, expectation, explain, findAction, findProcedure, pathText, resolveChoices, shown, type Path, type Problem, type Scenario, type ScenarioAction, type ScenarioEntry,
  type StepOverride,
} from '../../workflows/index.ts';
import { networkOf } from './lab-schema.ts';
import { caSetupOf, scenarioSchema, type ScenarioFile } from './schema.ts';

/** A scenario file that cannot be run, with where and why. Exit code 2 in the CLI. */
export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly problem: string) {
    super(line > 0 ? `${file}:${line}:${column}: ${problem}` : `${file}: ${problem}`);
  }
}

/** Aliases a document may expand before it counts as an alias bomb (the yaml library's guard). */
const maxAliasCount = 100;

/** `exact` is false when the path names nothing in the file (a missing field) and the position is an enclosing node's. */
interface Position { readonly line: number; readonly col: number; readonly exact: boolean }

/** The YAML node a path names (its key, for an unknown field), or the nearest enclosing one. */
const where = (doc: Document, lines: LineCounter, path: Path, atKey: boolean): Position => {
  const parent = doc.getIn(path.slice(0, -1), true);
  const key = path[path.length - 1];
  if (atKey && isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) === String(key) : false));
    if (pair && isNode(pair.key) && pair.key.range) return { ...lines.linePos(pair.key.range[0]), exact: true };
  }
  for (let cut = path.length; cut >= 0; cut -= 1) {
    const node = doc.getIn(path.slice(0, cut), true);
    if (isNode(node) && node.range) return { ...lines.linePos(node.range[0]), exact: cut === path.length };
  }
  return { line: 1, col: 1, exact: false };
};

/** Problems at a node of the file come before missing fields, then in file order. */
const earlier = (a: Position, b: Position) => (a.exact !== b.exact ? a.exact : a.line !== b.line ? a.line < b.line : a.col < b.col);

/** `steps.request-certificate.dnsNames[0]` → ['steps', 'request-certificate', 'dnsNames', 0] */
const splitPath = (path: string): Path => path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** `unknown field "startAt" in lab: expected …; did you mean …?` for a name, `lab.ca.os: expected …, found …` otherwise. */
const sentence = (problem: Problem): string => {
  const hint = problem.hint ? `; ${problem.hint}` : '';
  if (problem.unknown && problem.found !== undefined) {
    const parent = pathText('', problem.path.slice(0, -1));
    return `unknown ${problem.unknown} ${shown(problem.found)}${parent ? ` in ${parent}` : ''}: expected ${problem.expected}${hint}`;
  }
  const at = pathText('', problem.path);
  return `${at ? `${at}: ` : ''}expected ${problem.expected}, found ${shown(problem.found, at)}${hint}`;
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

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Reads YAML into plain data; syntax errors, alias bombs and anything the parser throws become ScenarioErrors. */
const readYaml = (file: string, text: string) => {
  const lines = new LineCounter();
  const refuse = (offset: number | undefined, problem: string): never => {
    const pos = offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset);
    throw new ScenarioError(file, pos.line, pos.col, problem);
  };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  } catch (error) {
    return refuse(undefined, `cannot read the YAML (${firstLine(error)})`);
  }
  const syntax = doc.errors[0];
  if (syntax) refuse(syntax.pos[0], `not valid YAML: ${syntax.message.split('\n')[0]}`);
  try {
    return { doc, lines, value: doc.toJS({ maxAliasCount }) as unknown };
  } catch (error) {
    const bomb = error instanceof ReferenceError && /alias/i.test(error.message);
    const problem = bomb
      ? `the aliases here expand into more than ${maxAliasCount} times their size (an alias bomb?); write the values out or use fewer aliases`
      : `cannot read the YAML (${firstLine(error)})`;
    return refuse(firstAlias(doc), problem);
  }
};

/** Parses and validates a scenario; every problem names file, line and column, what was expected and what was found. */
export const parseScenario = (file: string, text: string): Scenario => {
  const { doc, lines, value } = readYaml(file, text);
  const fail = (path: Path, problem: string, atKey = false): never => {
    const pos = where(doc, lines, path, atKey);
    throw new ScenarioError(file, pos.line, pos.col, problem);
  };
  const result = scenarioSchema.safeParse(value, { error: expectation });
  if (!result.success) {
    const located = result.error.issues.map((issue) => {
      const problem = explain(issue, value);
      const atKey = issue.code === 'unrecognized_keys';
      return { problem, atKey, pos: where(doc, lines, problem.path, atKey) };
    });
    const first = located.reduce((a, b) => (earlier(b.pos, a.pos) ? b : a));
    return fail(first.problem.path, sentence(first.problem), first.atKey);
  }
  return scenarioOf(file, result.data, fail);
};

/** The validated file as the runner takes it; each procedure's step overrides are laid over the seed's choices once, to check them. */
const scenarioOf = (file: string, data: ScenarioFile, fail: (path: Path, problem: string) => never): Scenario => {
  const refuse = (error: unknown, path: Path): never => {
    if (!(error instanceof ChoiceError)) throw error;
    return fail(path, sentence({ path, expected: error.expected, found: error.found, hint: error.hint, unknown: error.unknown }));
  };
  const actionsOf = (list: readonly Record<string, unknown>[], at: Path): ScenarioAction[] =>
    list.map(({ action, ...choice }, j) => {
      try {
        findAction(String(action))!.parse(choice, '');
      } catch (error) {
        refuse(error, [...at, j, ...splitPath((error as ChoiceError).path ?? '')]);
      }
      return { action: String(action), choice };
    });
  const entries: ScenarioEntry[] = (data.procedures ?? []).map((entry, i) => {
    if (typeof entry !== 'string' && 'actions' in entry) return { actions: actionsOf(entry.actions, ['procedures', i, 'actions']) };
    const { procedure, steps = {}, until } = typeof entry === 'string' ? { procedure: entry, until: undefined } : entry;
    try {
      resolveChoices(findProcedure(procedure)!, steps as Record<string, StepOverride>);
    } catch (error) {
      refuse(error, ['procedures', i, ...splitPath((error as ChoiceError).path ?? '')]);
    }
    return { procedure, steps: steps as Record<string, StepOverride>, ...(until ? { until: String(until) } : {}) };
  });
  const procedures = data.actions ? [...entries, { actions: actionsOf(data.actions, ['actions']) }] : entries;
  const { startsAt, ca, ...forest } = data.lab ?? {};
  const network = networkOf(forest);
  const setup: CaSetup = { ...(ca ? caSetupOf(ca) : { edition: 'enterprise', os: 'windows-server-2008' }), ...(network ? { network } : {}) };
  const expect = data.expect ?? {};
  return {
    file,
    name: data.scenario,
    title: data.title ?? data.scenario,
    lab: { startsAt, ca: setup },
    procedures,
    expect: {
      certificates: expect.certificates ?? [],
      bindings: expect.bindings ?? [],
      rejections: expect.rejections ?? [],
      findings: expect.findings ?? [],
      completed: expect.completed ?? [],
      ...(expect.autoenrollment ? { autoenrollment: expect.autoenrollment } : {}),
      ...(expect.requests ? { requests: expect.requests } : {}),
      ...(expect.stores ? { stores: expect.stores } : {}),
      ...(expect.crls ? { crls: expect.crls } : {}),
    },
  };
};

export const loadScenario = async (file: string): Promise<Scenario> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new ScenarioError(file, 0, 0, `cannot read the scenario file (${why})`);
  }
  return parseScenario(file, text);
};

