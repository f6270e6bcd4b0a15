import { StoreError } from './database.ts';

const segment = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * A lab's name in a store: one or more parts separated by `/` (`class1/student-01`, `rehearsal`), each of
 * letters, digits, `.`, `_` and `-`, not starting with `.` or `-`; 128 characters at most.
 */
export const checkLabName = (name: string): string => {
  const parts = name.split('/');
  const bad = parts.find((p) => !segment.test(p));
  if (name.length === 0 || name.length > 128 || bad !== undefined) {
    const why =
      name.length === 0
        ? 'an empty name'
        : name.length > 128
          ? `${name.length} characters`
          : bad === ''
            ? 'an empty part between slashes'
            : `the part ${JSON.stringify(bad)}`;
    const expected = 'parts of letters, digits, . _ - separated by / (such as class1/student-01), 128 characters at most';
    throw new StoreError('STORE_LAB_NAME', `lab name: expected ${expected}; found ${why} in ${JSON.stringify(name.slice(0, 140))}`);
  }
  return name;
};
