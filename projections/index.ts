export { apply, fold, foldFromScratch } from './fold.ts';
export { detached, workingWorld, type WorkingWorld } from './working.ts';
export { buildTimeline, type Timeline } from './timeline.ts';
export { diffWorlds, type Change } from './diff.ts';
export { worlds, progress } from './live.ts';
export { acceptedInputs, isAcceptedInput, progressAfter } from './workflow.ts';
