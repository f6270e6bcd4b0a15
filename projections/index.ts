export { apply, fold, foldFromScratch, batchSize } from './fold.ts';
export { detached, workingWorld, type WorkingWorld } from './working.ts';
export { buildTimeline, type Timeline } from './timeline.ts';
export { diffWorlds, type Change, type ChangeArea } from './diff.ts';
export { provenanceIndex, provenanceAt, type ProvenanceIndex } from './provenance.ts';
export { worlds, progress } from './live.ts';
export { acceptedInputs, isAcceptedInput, progressAfter } from './workflow.ts';
