import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  eventStoreError,
  isEventStoreError,
  isKeyStoreError,
  isPfxFilesError,
  isSecretStoreError,
  isSignerError,
  keyStoreError,
} from '../../workflows/index.ts';

const ports = suite('workflows/ports: each port declares its error codes and a guard');

ports('a port error keeps its code and message and is an Error', () => {
  const error = eventStoreError('EVENTSTORE_VERSION_CONFLICT', 'lab is at version 3; the append expected 2.');
  assert.instance(error, Error);
  assert.is(error.code, 'EVENTSTORE_VERSION_CONFLICT');
  assert.is(error.message, 'lab is at version 3; the append expected 2.');
});

ports('a guard answers for its own port only, and for one code when given one', () => {
  const conflict = eventStoreError('EVENTSTORE_VERSION_CONFLICT', 'stale');
  assert.ok(isEventStoreError(conflict));
  assert.ok(isEventStoreError(conflict, 'EVENTSTORE_VERSION_CONFLICT'));
  assert.not.ok(isEventStoreError(conflict, 'EVENTSTORE_LOCKED'));
  assert.not.ok(isKeyStoreError(conflict) || isSecretStoreError(conflict) || isPfxFilesError(conflict) || isSignerError(conflict));
  assert.ok(isKeyStoreError(keyStoreError('KEYSTORE_KEY_MISSING', 'no key')));
});

ports('a guard refuses plain errors, system errors, thrown strings and look-alike objects', () => {
  const enoent = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
  assert.not.ok(isEventStoreError(new Error('EVENTSTORE_VERSION_CONFLICT')));
  assert.not.ok(isEventStoreError(enoent));
  assert.not.ok(isEventStoreError('EVENTSTORE_VERSION_CONFLICT'));
  assert.not.ok(isEventStoreError({ code: 'EVENTSTORE_VERSION_CONFLICT', message: 'not an Error' }));
  assert.not.ok(isEventStoreError(undefined));
});

ports('facts given to the constructor travel with the error (a corrupt log names its check)', () => {
  const error = eventStoreError('EVENTSTORE_CORRUPT_LOG', 'lab.jsonl:3: position 5 after 2', { problem: 'LOG_POSITION_GAP' });
  assert.ok(isEventStoreError(error, 'EVENTSTORE_CORRUPT_LOG'));
  assert.is(error.problem, 'LOG_POSITION_GAP');
});

ports.run();
