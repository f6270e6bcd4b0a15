import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, hostNamePattern } from '../../domain/index.ts';
import { expectation, hostNameText } from '../../workflows/index.ts';

/** HostName checks what it is given: a computer's name, never a space, an empty string or a path. */
const hostName = suite('domain/shared HostName');

const names = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/);

hostName('accepts every name of letters, digits, dots, hyphens and underscores up to 63 characters, unchanged (property)', () => {
  fc.assert(fc.property(names, (name) => HostName(name) === name));
});

hostName('refuses any string with a character outside the pattern, saying what it expected and what it found (property)', () => {
  const outside = fc
    .tuple(names, fc.constantFrom(' ', '\t', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\u0000', 'é'), fc.nat(64))
    .map(([name, bad, at]) => name.slice(0, at % (name.length + 1)) + bad + name.slice(at % (name.length + 1)));
  fc.assert(
    fc.property(outside, (name) => {
      assert.throws(
        () => HostName(name),
        (error: Error) =>
          error instanceof RangeError && /^Expected a host name/.test(error.message) && error.message.includes(JSON.stringify(name)),
      );
    }),
  );
});

hostName('refuses an empty name, one starting with a dot, hyphen or underscore, and one of 64 characters', () => {
  for (const name of ['', '.server', '-server', '_server', 'A'.repeat(64)]) assert.throws(() => HostName(name), /found/, name);
  assert.is(HostName('A'.repeat(63)).length, 63);
});

hostName('the step and scenario schema (hostNameText) accepts exactly what HostName accepts, and says what it expected (property)', () => {
  fc.assert(
    fc.property(fc.oneof(names, fc.string({ maxLength: 70 })), (name) => {
      const result = hostNameText.safeParse(name, { error: expectation });
      assert.is(result.success, hostNamePattern.test(name), name);
      if (result.success) assert.is(HostName(result.data), name);
      else assert.match(result.error.issues[0]!.message, /a computer's name/);
    }),
  );
});

hostName.run();
