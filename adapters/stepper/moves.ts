import { findProcedure, openLab } from '../../workflows/index.ts';
import { labFolder, labIn, openNewLab } from '../lab-files.ts';
import { forkFolderName, forkLab, positionBeforeInputs } from './branch.ts';
import { StepperError } from './errors.ts';
import { freshLab } from './open.ts';
import { prerequisitesOf } from './prerequisites.ts';
import { forgetResults, startIn, switchWriter, type Session } from './state.ts';

type Mode = 'truncate' | 'fork';

/** The first fork folder beside the lab's that holds no lab yet. */
const nextFork = async (root: string) => {
  let n = 1;
  while ((await labIn(labFolder(forkFolderName(root, n)))).occupied) n += 1;
  return forkFolderName(root, n);
};

/** The lab up to `position`: the log cut there, or a copy of it in a new fork folder (the original kept). */
const moveTo = async (s: Session, position: number, mode: Mode): Promise<void> => {
  if (mode === 'fork') {
    const fork = await openNewLab(labFolder(await nextFork(s.writer.folder.root)), 'pkilab step (fork)', 'never', s.options.warn);
    try {
      await forkLab(s.writer.ports, s.lab, position, fork.ports);
    } catch (error) {
      await fork.release();
      throw error;
    }
    await switchWriter(s, fork, s.lab);
  } else await s.writer.ports.events.truncate(s.writer.folder.labId, position, s.lab.events.length);
  s.lab = await openLab(s.writer.ports, s.writer.folder.labId);
  forgetResults(s);
  s.message =
    mode === 'fork'
      ? `went back to position ${position} on a fork in ${s.writer.folder.root} (the original log is kept)`
      : `went back to position ${position}; the log was cut there`;
};

export const back = async (s: Session, steps: number, mode: Mode): Promise<void> => {
  if (!s.lab.events.some((e) => e.type === 'ActionTaken'))
    throw new StepperError('STEPPER_NOTHING_THERE', 'nothing to go back to: no step has been taken in this lab yet');
  await moveTo(s, positionBeforeInputs(s.lab, steps), mode);
};

export const jumpTo = async (s: Session, position: number, mode: Mode): Promise<void> => {
  const input = s.lab.events[position - 1];
  if (input?.type !== 'ActionTaken') throw new StepperError('STEPPER_NOTHING_THERE', `position ${position} is not an input of this lab`);
  await moveTo(s, position - 1, mode);
};

/** A completed procedure again: on a fork before it started, or in a fresh lab with its prerequisites done the seed's way. */
export const again = async (s: Session, id: string, where: 'fork' | 'fresh'): Promise<void> => {
  const chosen = findProcedure(id);
  if (!chosen) throw new StepperError('STEPPER_UNKNOWN_PROCEDURE', `unknown procedure "${id}"`);
  const before = prerequisitesOf(chosen).map((p) => p.id);
  if (where === 'fork') {
    const started = [...s.lab.events].reverse().find((e) => e.type === 'ProcedureStarted' && e.data.procedure === id);
    if (!started) throw new StepperError('STEPPER_NOTHING_THERE', `${id} was never started in this lab`);
    await moveTo(s, started.position - 1, 'fork');
  } else {
    const fresh = await freshLab(s.writer.folder.root, before, s.options.warn);
    await switchWriter(s, fresh.writer, fresh.lab);
    forgetResults(s);
  }
  s.procedure = chosen;
  await startIn(s, chosen);
  const seedWay = where === 'fresh' && before.length ? ` (after ${before.join(', ')} the seed's way)` : '';
  s.message = `${chosen.title}: again, in ${s.writer.folder.root}${seedWay}`;
};
