import { readFile } from 'node:fs/promises';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { expectation, explain, type Path, type Scenario } from '../../workflows/index.ts';
import { scenarioOf, sentence } from './scenario-of.ts';
import { scenarioSchema } from './schema.ts';
import { aliasProblem } from './yaml-aliases.ts';

/** A scenario file that cannot be run, with where and why. Exit code 2 in the CLI. */
export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}:${line}:${column}: ${problem}` : `${file}: ${problem}`);
  }
}

/** `exact` is false when the path names nothing in the file (a missing field) and the position is an enclosing node's. */
interface Position {
  readonly line: number;
  readonly col: number;
  readonly exact: boolean;
}

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

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Reads YAML into plain data; syntax errors, alias bombs and cycles, and anything the parser throws become ScenarioErrors. */
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
  const aliases = aliasProblem(doc);
  if (aliases) refuse(aliases.at, aliases.problem);
  try {
    // The library's own alias guard is off (-1): aliasProblem above measured the expansion on the nodes, the one rule.
    return { doc, lines, value: doc.toJS({ maxAliasCount: -1 }) as unknown };
  } catch (error) {
    return refuse(undefined, `cannot read the YAML (${firstLine(error)})`);
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
