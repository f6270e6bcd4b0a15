import type { StepView } from '../api.ts';

/** How the stepper's checklist marks a step. */
type StepMark = 'done' | 'skipped' | 'current' | 'upcoming';

/**
 * A step's mark from the step view's checklist. A left-out step is also among the steps behind the cursor (the
 * server lists it in both `done` and `skipped`), so being left out is asked first: it reads "–", never "✓".
 */
export const stepMark = (checklist: StepView['checklist'], id: string): StepMark =>
  checklist.skipped.includes(id) ? 'skipped' : checklist.done.includes(id) ? 'done' : id === checklist.current ? 'current' : 'upcoming';
