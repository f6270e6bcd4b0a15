import { classStatus, createClass } from '../classroom/create.ts';
import { statusLine } from '../classroom/status.ts';
import { openStore } from '../postgres/lab-store.ts';
import { StoreError } from '../postgres/database.ts';
import { loadScenario } from '../scenario/load.ts';
import { requireStore } from './labs.ts';
import { parseOptions } from './args.ts';
import type { Io } from './run.ts';

export const classHelp = `Usage: pkilab class create <NAME> --students N --scenario FILE [--store URL] [--force]
       pkilab class status <NAME> [--store URL] [--json]

A class is a set of labs in a PostgreSQL store (--store, else PKILAB_STORE), one a student:
NAME/student-01, NAME/student-02… Students open theirs with --store and the lab's name.

  create   runs the scenario once and gives every student a lab starting from the world it leaves
           (the same CA and certificates; each lab has its own copy of the keys); refuses if a lab
           exists, unless --force (then the class's labs are replaced: a fresh start)
  status   for each lab: the procedure and step the student is on, rejections, open findings, the last
           change, and STUCK when the same step was rejected twice or more in a row

Examples:
  pkilab class create class1 --students 3 --scenario scenarios/iis-web-server-certificate.yaml --store 'postgres://pkilab:pkilab@127.0.0.1:5432/pkilab?schema=readme' --force
  pkilab class status class1 --store 'postgres://pkilab:pkilab@127.0.0.1:5432/pkilab?schema=readme' --json

Exit codes: 0 done, 2 bad input (no store, class exists, bad scenario).
`;

const options = {
  store: { type: 'string' },
  students: { type: 'string' },
  scenario: { type: 'string' },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;
type Values = ReturnType<typeof parseOptions<typeof options>>['values'];

/** --students: a whole number from 1 to 500. */
const studentCount = (value: string): number => {
  const students = /^\d+$/.test(value) ? Number(value) : NaN;
  if (students >= 1 && students <= 500) return students;
  throw new StoreError('STORE_USAGE', `--students: expected a whole number from 1 to 500, found ${JSON.stringify(value)}`);
};

const createAction = async (url: string, name: string, values: Values, io: Io): Promise<number> => {
  if (values.students === undefined || !values.scenario) {
    throw new StoreError(
      'STORE_USAGE',
      `class create: expected --students N and --scenario FILE, found ${values.students === undefined ? 'no --students' : 'no --scenario'}`,
    );
  }
  const students = studentCount(values.students);
  const scenario = await loadScenario(values.scenario);
  const store = await openStore(url);
  try {
    const onLab = (lab: string) => values.json || io.out(`  ${store.events.where(lab)}`);
    const made = await createClass(store, name, students, scenario, { force: values.force, onLab });
    if (values.json) io.out(JSON.stringify({ class: name, store: store.shown, ...made }, null, 2));
    else io.out(`class ${name}: ${made.labs.length} lab(s) of ${made.events} events each, from ${scenario.file}`);
    return 0;
  } finally {
    await store.close();
  }
};

const statusAction = async (url: string, name: string, values: Values, io: Io): Promise<number> => {
  const store = await openStore(url);
  try {
    const labs = await classStatus(store, name);
    if (labs.length === 0) {
      const where = `found none in ${store.shown} (pkilab labs lists the labs there)`;
      throw new StoreError('STORE_LAB_MISSING', `class ${name}: expected the labs of a class (${name}/student-01…), ${where}`);
    }
    if (values.json) io.out(JSON.stringify({ class: name, store: store.shown, labs }, null, 2));
    else {
      io.out(`class ${name}: ${labs.length} lab(s) in ${store.shown}; ${labs.filter((l) => l.stuck).length} stuck`);
      const width = Math.max(...labs.map((l) => l.lab.length), 4);
      for (const status of labs) io.out(`  ${statusLine(status, width)}`);
    }
    return 0;
  } finally {
    await store.close();
  }
};

/** `pkilab class create|status`. */
export const classCommand = async (args: string[], io: Io): Promise<number> => {
  const parsed = parseOptions(args, options);
  if (parsed.values.help) return (io.out(classHelp), 0);
  const [action, name, ...extra] = parsed.positionals;
  if ((action !== 'create' && action !== 'status') || !name || extra.length > 0) {
    io.err(
      `pkilab class: expected "create <NAME> --students N --scenario FILE" or "status <NAME>", found ${JSON.stringify(parsed.positionals.join(' '))} (pkilab help class for usage)`,
    );
    return 2;
  }
  const url = requireStore(parsed.values.store, `class ${action}`);
  return action === 'create' ? createAction(url, name, parsed.values, io) : statusAction(url, name, parsed.values, io);
};
