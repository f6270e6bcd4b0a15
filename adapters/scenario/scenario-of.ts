import { SimTime, type CaSetup } from '../../domain/index.ts';
import {
  ChoiceError,
  findAction,
  findProcedure,
  pathText,
  resolveChoices,
  shown,
  type Path,
  type Problem,
  type Scenario,
  type ScenarioAction,
  type ScenarioEntry,
  type StepOverride,
} from '../../workflows/index.ts';
import { networkOf } from './lab-schema.ts';
import { caSetupOf, type ScenarioFile } from './schema.ts';

/** `steps.request-certificate.dnsNames[0]` → ['steps', 'request-certificate', 'dnsNames', 0] */
const splitPath = (path: string): Path =>
  path
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** `unknown field "startAt" in lab: expected …; did you mean …?` for a name, `lab.ca.os: expected …, found …` otherwise. */
export const sentence = (problem: Problem): string => {
  const hint = problem.hint ? `; ${problem.hint}` : '';
  if (problem.unknown && problem.found !== undefined) {
    const parent = pathText('', problem.path.slice(0, -1));
    return `unknown ${problem.unknown} ${shown(problem.found)}${parent ? ` in ${parent}` : ''}: expected ${problem.expected}${hint}`;
  }
  const at = pathText('', problem.path);
  return `${at ? `${at}: ` : ''}expected ${problem.expected}, found ${shown(problem.found, at)}${hint}`;
};

/** The expectations a scenario states, each list empty when it states none. */
const expectationsOf = (data: ScenarioFile): Scenario['expect'] => {
  const expect = data.expect ?? {};
  return {
    certificates: expect.certificates ?? [],
    bindings: expect.bindings ?? [],
    rejections: expect.rejections ?? [],
    findings: expect.findings ?? [],
    completed: expect.completed ?? [],
    ...(expect.autoenrollment ? { autoenrollment: expect.autoenrollment } : {}),
    ...(expect.requests ? { requests: expect.requests } : {}),
    ...(expect.stores ? { stores: expect.stores } : {}),
    ...(expect.crls ? { crls: expect.crls } : {}),
  };
};

/** The validated file as the runner takes it; each procedure's step overrides are laid over the seed's choices once, to check them. */
export const scenarioOf = (file: string, data: ScenarioFile, fail: (path: Path, problem: string) => never): Scenario => {
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
  const setup: CaSetup = {
    ...(ca ? caSetupOf(ca) : { edition: 'enterprise', os: 'windows-server-2008' }),
    ...(network ? { network } : {}),
  };
  return {
    file,
    name: data.scenario,
    title: data.title ?? data.scenario,
    lab: { startsAt: startsAt === undefined ? undefined : SimTime(startsAt), ca: setup },
    procedures,
    expect: expectationsOf(data),
  };
};
