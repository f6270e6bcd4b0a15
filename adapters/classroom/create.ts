import { createLab, runScenario, type Scenario } from '../../workflows/index.ts';
import { drawCaIdentity } from '../ca-identity.ts';
import { defaultLabStart } from '../clock.ts';
import { copyLab } from '../lab-copy.ts';
import { StoreError } from '../postgres/database.ts';
import { checkLabName } from '../postgres/names.ts';
import { storeSealer } from '../postgres/seal.ts';
import type { PostgresStore } from '../postgres/store.ts';
import { labStatus, type LabStatus } from './status.ts';

/** The lab names of a class: `<class>/student-01` … (two digits at least, more for a large class). */
const studentLabs = (name: string, students: number): string[] => {
  const width = Math.max(2, String(students).length);
  return Array.from({ length: students }, (_, i) => checkLabName(`${name}/student-${String(i + 1).padStart(width, '0')}`));
};

/**
 * Creates the labs of a class, every one from the world the scenario leaves: the scenario runs once in the
 * first lab, and its log, keys, secrets and exported PFX files are copied into the others (so every student starts from the
 * same CA and certificates). Refuses, before writing anything, when one of the names is already a lab
 * (unless `force`: then those labs are replaced).
 */
export const createClass = async (
  store: PostgresStore,
  name: string,
  students: number,
  scenario: Scenario,
  options: { force?: boolean; onLab?: (lab: string) => void } = {},
) => {
  const onLab = options.onLab ?? (() => undefined);
  if (!Number.isInteger(students) || students < 1 || students > 500) {
    throw new StoreError('STORE_USAGE', `--students: expected a whole number from 1 to 500, found ${students}`);
  }
  const labs = studentLabs(checkLabName(name), students);
  await storeSealer(store.db);
  const taken = (await store.list(`${name}/`)).filter((l) => labs.includes(l.lab)).map((l) => l.lab);
  if (taken.length > 0 && !options.force) {
    const some = `${taken.slice(0, 3).join(', ')}${taken.length > 3 ? ', …' : ''}`;
    throw new StoreError(
      'STORE_LAB_EXISTS',
      `class ${name}: ${taken.length} of its labs already exist (${some}); choose another class name, or add --force to replace them`,
    );
  }
  for (const lab of taken) await store.drop(lab);
  const [first, ...others] = labs as [string, ...string[]];
  const ports = store.ports(first);
  const start = await createLab(ports, first, {
    startsAt: scenario.lab.startsAt ?? defaultLabStart(),
    ca: scenario.lab.ca,
    identity: drawCaIdentity(),
  });
  const run = await runScenario(ports, start, scenario);
  onLab(first);
  for (const lab of others) {
    await copyLab(ports, run.lab.events, store.ports(lab), lab);
    // The PFX files the scenario exported: a later step (importing one) reads them.
    await store.copyFiles(first, lab);
    onLab(lab);
  }
  return { labs, events: run.lab.events.length, ok: run.ok };
};

/** The status of every lab of a class, by name. */
export const classStatus = async (store: PostgresStore, name: string): Promise<LabStatus[]> => {
  const labs = await store.list(`${checkLabName(name)}/`);
  return Promise.all(labs.map(async (l) => labStatus(l.lab, await store.events.read(l.lab), l.updated)));
};
