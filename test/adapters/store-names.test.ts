import { isAbsolute, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isStoreError } from '../../adapters/postgres/database.ts';
import { maskPassword, parseStoreUrl } from '../../adapters/postgres/url.ts';
import { checkLabName } from '../../adapters/postgres/names.ts';
import { localFolderOf } from '../../adapters/postgres/store.ts';
import { storeWords } from '../../adapters/postgres/travel.ts';

// Properties of what the store commands parse: lab names, store URLs, travel's --store and --follow words.
const names = suite('adapters/postgres names and URLs (properties)');
const part = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,15}$/);

names('every name made of valid parts is accepted as it is, and its local folder stays inside .pkilab/store', () => {
  fc.assert(
    fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
      const name = parts.join('/');
      assert.is(checkLabName(name), name);
      const rel = relative(resolve('.pkilab/store'), resolve(localFolderOf(name)));
      assert.ok(rel !== '' && !rel.startsWith('..') && !isAbsolute(rel), `${name} → ${rel}`);
    }),
  );
});

names('any string is either a valid name or refused with STORE_LAB_NAME saying what was found, never anything else', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 140 }), (name) => {
      try {
        checkLabName(name);
        assert.ok(name.split('/').every((p) => /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(p)) && name.length <= 128);
      } catch (error) {
        assert.ok(isStoreError(error, 'STORE_LAB_NAME'), String(error));
        assert.match((error as Error).message, /^lab name: expected .*; found /);
      }
    }),
  );
});

names('a store URL never shows its password, whatever it is', () => {
  const password = fc.stringMatching(/^[A-Za-z0-9!$&()*+,;=._~-]{1,20}$/).filter((p) => p.length > 3);
  fc.assert(
    fc.property(password, (secret) => {
      const url = `postgres://pkilab:${secret}@127.0.0.1:5432/pkilab?schema=class_1`;
      assert.not.ok(parseStoreUrl(url).shown.includes(`:${secret}@`));
      assert.is(parseStoreUrl(url).schema, 'class_1');
      assert.not.ok(maskPassword(url).includes(`:${secret}@`));
    }),
  );
});

names('a password never shows, even in a URL that does not parse (a / in it) or given as ?password= / ?sslpassword=', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9!$&()*+,;=._~\/?#@-]{4,20}$/).filter((p) => /[A-Za-z0-9]{4}/.test(p));
  fc.assert(
    fc.property(secret, (pw) => {
      const shows = (text: string) => text.includes(pw);
      assert.not.ok(shows(maskPassword(`postgres://pkilab:${pw}@127.0.0.1:5432/pkilab`)), 'in the authority');
      for (const name of ['password', 'sslpassword']) {
        const query = `postgres://127.0.0.1:5432/pkilab?user=pkilab&${name}=${encodeURIComponent(pw)}&schema=class_1`;
        assert.not.ok(shows(maskPassword(query)) || shows(maskPassword(query).replace(/%../g, decodeURIComponent)), `${name}= masked`);
        const shown = parseStoreUrl(query).shown;
        assert.not.ok(shown.includes(encodeURIComponent(pw)) || shown.includes(pw), `${name}= in ${shown}`);
      }
    }),
  );
  assert.is(maskPassword('postgres://pkilab:se/cret@127.0.0.1/pkilab'), 'postgres://pkilab:***@127.0.0.1/pkilab');
});

names('travel words: --store URL and --follow are taken out wherever they are, the rest kept in order', () => {
  const word = fc.stringMatching(/^[a-z0-9.]{1,8}$/);
  fc.assert(
    fc.property(fc.array(word, { maxLength: 5 }), fc.nat(5), fc.boolean(), (rest, at, follow) => {
      const i = Math.min(at, rest.length);
      const args = [...rest.slice(0, i), '--store', 'postgres://h/db', ...rest.slice(i), ...(follow ? ['--follow'] : [])];
      assert.equal(storeWords(args), { rest, store: 'postgres://h/db', follow });
    }),
  );
});

names.run();
