import { createFileAtomic, modes, writeFileAtomic } from '../files/atomic.ts';

/** A report that cannot be written as asked (an existing file without --force): exit 2. */
class ReportError extends Error {
  readonly code = 'REPORT_INPUT';
}

/**
 * Writes a report whole or not at all (a temporary file in the same folder, fsynced, then linked or renamed
 * into place). An existing file is refused unless `force`, and then replaced in one step.
 */
export const writeReport = async (path: string, content: string, force: boolean): Promise<void> => {
  try {
    await (force ? writeFileAtomic : createFileAtomic)(path, content, modes.shared);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new ReportError(`${path} already exists; choose another name, or add --force to replace it`);
    throw error;
  }
};
