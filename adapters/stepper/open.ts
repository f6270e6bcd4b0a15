import { createLab, openLab, runScenario, type Lab } from '../../workflows/index.ts';
import { drawCaIdentity } from '../ca-identity.ts';
import { defaultLabStart } from '../clock.ts';
import { labFolder, labIn, openExistingLab, openNewLab, type LabFolder, type LabWriter } from '../lab-files.ts';
import { openStoreStepLab } from '../postgres/step.ts';
import { loadScenario } from '../scenario/load.ts';
import { StepperError } from './errors.ts';

export interface StepperOptions {
  readonly out: string;
  readonly lab?: string;
  readonly scenario?: string;
  readonly procedure?: string;
  readonly fresh?: boolean;
  /** A PostgreSQL store: `lab` is then a lab's name in it. */
  readonly store?: string | undefined;
  readonly warn: (message: string) => void;
}

/** The CA of the test network a new lab starts with. */
const testNetworkCa = { edition: 'enterprise', os: 'windows-server-2008' } as const;

type Opened = { writer: LabWriter; lab: Lab; message: string };

/** The folder the session works in: the folder of `--lab`'s log, or `--out`. */
const stepFolder = (options: StepperOptions) =>
  labFolder(
    options.lab ? options.lab.replace(/\/?[^/]*\.jsonl$/, '') || '.' : options.out,
    options.lab ? (options.lab.match(/([^/]+)\.jsonl$/)?.[1] ?? 'lab') : 'lab',
  );

/** Continues the lab in the folder; a log with no complete append (its creation was cut short) gets the lab again. */
const continueLab = async (folder: LabFolder, options: StepperOptions): Promise<Opened> => {
  if (options.scenario)
    throw new StepperError(
      'STEPPER_LAB_EXISTS',
      `${folder.root} already holds a lab; continue it without --scenario, or add --new to replace it with the scenario's`,
    );
  const writer = await openExistingLab(folder, 'pkilab step', options.warn);
  const lab = await openLab(writer.ports, folder.labId);
  if (lab.events.length > 0) return { writer, lab, message: `continuing ${folder.log} (${lab.events.length} events)` };
  const created = await createLab(writer.ports, folder.labId, {
    startsAt: defaultLabStart(),
    ca: testNetworkCa,
    identity: drawCaIdentity(),
  });
  return { writer, lab: created, message: `${folder.log} held no complete event; a new lab was created in it` };
};

/** A new lab in the folder: the scenario's end state, or the test network. */
const startLab = async (writer: LabWriter, folder: LabFolder, options: StepperOptions): Promise<Opened> => {
  if (options.scenario) {
    const scenario = await loadScenario(options.scenario);
    const start = await createLab(writer.ports, folder.labId, {
      startsAt: scenario.lab.startsAt ?? defaultLabStart(),
      ca: scenario.lab.ca,
      identity: drawCaIdentity(),
    });
    const run = await runScenario(writer.ports, start, scenario);
    return { writer, lab: run.lab, message: `started from ${options.scenario} (${run.lab.events.length} events)` };
  }
  const lab = await createLab(writer.ports, folder.labId, {
    startsAt: defaultLabStart(),
    ca: testNetworkCa,
    identity: drawCaIdentity(),
  });
  return { writer, lab, message: `new lab: the contoso.com test network in ${folder.root}` };
};

/**
 * Opens (or creates) the lab the session works on, as its only writer: an existing log, a scenario's end
 * state, or the test network. A lab already in the folder is continued, never replaced unless `fresh`.
 */
export const openOrCreate = async (options: StepperOptions): Promise<Opened> => {
  if (options.store && !options.lab?.endsWith('.jsonl')) return openStoreStepLab(options.store, options.lab, options);
  const folder = stepFolder(options);
  const { occupied } = await labIn(folder);
  if (options.lab && !occupied)
    throw new StepperError('STEPPER_NO_LAB', `${options.lab} holds no lab log to continue (is the path right?)`);
  if (occupied && !options.fresh) return continueLab(folder, options);
  const writer = await openNewLab(folder, 'pkilab step', 'marked', options.warn);
  try {
    return await startLab(writer, folder, options);
  } catch (error) {
    await writer.release();
    throw error;
  }
};

/**
 * A new lab of the test network beside the current one (`<lab>-new-N`), with the given procedures done the
 * seed's way first (the prerequisites of the procedure to step again).
 */
export const freshLab = async (
  root: string,
  first: readonly string[],
  warn: (w: string) => void,
): Promise<{ writer: LabWriter; lab: Lab }> => {
  const base = root.replace(/-(fork|new)-\d+$/, '');
  let n = 1;
  while ((await labIn(labFolder(`${base}-new-${n}`))).occupied) n += 1;
  const writer = await openNewLab(labFolder(`${base}-new-${n}`), 'pkilab step (fresh lab)', 'never', warn);
  try {
    const ca = testNetworkCa;
    const lab = await createLab(writer.ports, writer.folder.labId, { startsAt: defaultLabStart(), ca, identity: drawCaIdentity() });
    if (first.length === 0) return { writer, lab };
    const none = { certificates: [], bindings: [], rejections: [], findings: [], completed: [] };
    const scenario = {
      file: '(prerequisites)',
      name: 'prerequisites',
      title: 'prerequisites',
      lab: { ca },
      procedures: first.map((procedure) => ({ procedure, steps: {} })),
      expect: none,
    };
    return { writer, lab: (await runScenario(writer.ports, lab, scenario as unknown as Parameters<typeof runScenario>[2])).lab };
  } catch (error) {
    await writer.release();
    throw error;
  }
};
