import { isAbsolute, join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { inside, isFileNameError } from '../../adapters/files/names.ts';
import { failureOf } from '../../adapters/cli/errors.ts';

/** Names joined under a folder: inside it, or refused with PATH_OUTSIDE (which the CLI ends with exit 2). */
const names = suite('adapters/files names: a name never leads outside its folder');
const base = '/tmp/pkilab-base';

names('any name is either joined strictly inside the folder or refused with PATH_OUTSIDE (property)', () => {
  const piece = fc.constantFrom('..', '.', 'a', 'lab', '', '/', '../x', 'b/../..', '/etc');
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), (pieces) => {
      const name = pieces.join('/');
      try {
        const path = inside(base, name);
        const rel = relative(base, path);
        assert.ok(rel !== '' && !rel.startsWith('..') && !isAbsolute(rel), `${name} → ${path}`);
      } catch (error) {
        assert.ok(isFileNameError(error, 'PATH_OUTSIDE'), String(error));
        assert.is((error as Error).message, `${JSON.stringify(name)} would lead outside ${base}`);
      }
    }),
  );
  assert.is(inside(base, 'lab'), join(resolve(base), 'lab'));
});

names('the CLI ends a PATH_OUTSIDE with exit 2 and the message as it is, by its code', () => {
  let refused: unknown;
  try {
    inside(base, '../elsewhere');
  } catch (error) {
    refused = error;
  }
  assert.equal(failureOf(refused), { code: 'PATH_OUTSIDE', message: `"../elsewhere" would lead outside ${base}`, exitCode: 2 });
});

names('a system error names its file once: the code leads the message no more', () => {
  const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/nowhere/x'"), { code: 'ENOENT', path: '/nowhere/x' });
  assert.equal(failureOf(enoent), {
    code: 'ENOENT',
    message: "cannot use /nowhere/x: no such file or directory, open '/nowhere/x'",
    exitCode: 2,
  });
});

names.run();
