export { apply, fold, batchSize } from './fold.ts';
