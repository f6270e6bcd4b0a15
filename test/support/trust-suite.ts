import { suite } from 'uvu';
import { removeScratch, scratch, stopAll } from './processes.ts';

/** How long a process of the trust suites may run before it is killed (a hang is a failure, not a stuck test run). */
export const deadline = 45_000;

/**
 * A suite of trials with real processes: `folder()` makes a scratch folder for one test; after the suite every
 * process still running is stopped and every folder removed.
 */
export const trustSuite = (name: string) => {
  const test = suite(name);
  const folders: string[] = [];
  const folder = async () => {
    const dir = await scratch();
    folders.push(dir);
    return dir;
  };
  test.after(async () => {
    stopAll();
    await Promise.all(folders.map(removeScratch));
  });
  return { test, folder };
};
