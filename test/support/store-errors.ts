import * as assert from 'uvu/assert';
import { isEventStoreError, type EventStoreErrorCode } from '../../workflows/index.ts';

/** Asserts that `action` fails with the event store error `code` (and a message matching `message`, when given). */
export const expectCode = async (action: Promise<unknown>, code: EventStoreErrorCode, message?: RegExp) => {
  try {
    await action;
    assert.unreachable(`expected ${code}`);
  } catch (error) {
    assert.ok(isEventStoreError(error, code), String(error));
    if (message) assert.match((error as Error).message, message);
  }
};
