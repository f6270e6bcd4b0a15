export { reportModel } from './model.ts';
export { reportPage } from './page.ts';
export { writeReport } from './write.ts';
