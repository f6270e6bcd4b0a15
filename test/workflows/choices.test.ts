import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isSecretRef } from '../../domain/index.ts';
import { ChoiceError, didYouMean, editDistance, procedures, shown } from '../../workflows/index.ts';

const choices = suite('workflows/choices');

const stepOf = (procedure: string, step: string) => procedures.find((p) => p.id === procedure)!.steps.find((s) => s.id === step)!;
const refusal = (run: () => unknown): ChoiceError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ChoiceError) return error;
    throw error;
  }
  throw new Error('expected a ChoiceError');
};

choices('edit distance counts an adjacent swap as one edit and ignores case', () => {
  assert.is(editDistance('kitten', 'sitting'), 3);
  assert.is(editDistance('dnsNmaes', 'dnsNames'), 1);
  assert.is(editDistance('DNSNAMES', 'dnsNames'), 0);
  assert.is(editDistance('', 'abc'), 3);
});

choices('did you mean: the closest name within two edits (one for short words), or nothing', () => {
  assert.is(didYouMean('startAt', ['startsAt', 'ca']), 'did you mean "startsAt"?');
  assert.is(didYouMean('Edition', ['edition', 'os']), 'did you mean "edition"?');
  assert.is(didYouMean('oss', ['os', 'ca']), 'did you mean "os"?');
  assert.is(didYouMean('xy', ['os', 'ca']), undefined);
  assert.is(didYouMean('completely-different', ['startsAt']), undefined);
  assert.is(didYouMean(5, ['5']), undefined);
});

choices('every seed choice, variant and dialog choice of every step passes its own schema', () => {
  for (const procedure of procedures) {
    const context = { choices: {} as Record<string, unknown> };
    for (const step of procedure.steps) {
      const alternatives = [...(step.variants?.(context) ?? []), ...(step.dialog?.(context) ?? [])].map((v) => v.choice);
      const offered = [step.seedChoice(context), ...alternatives];
      for (const choice of offered) step.parse(choice, `${procedure.id}.${step.id}`);
      context.choices[step.id] = step.parse(step.seedChoice(context), step.id);
    }
  }
});

choices('names the misspelt field, the fields the dialog has, and the one meant', () => {
  const request = stepOf('iis-web-server-certificate', 'request-certificate');
  const error = refusal(() => request.parse({ computer: 'SERVER1', dnsName: [] }, 'steps.request-certificate'));
  assert.is(error.path, 'steps.request-certificate.dnsName');
  assert.is(error.expected, 'one of the fields computer, commonName, dnsNames');
  assert.is(error.hint, 'did you mean "dnsNames"?');
  assert.is(error.code, 'INVALID_CHOICE');
});

choices('the export step takes a clear password of at least 8 characters or a sealed reference', () => {
  const exportStep = stepOf('cloud-dp-service-certificate', 'export');
  const base = { computer: 'SERVER1', file: 'clouddp1.pfx' };
  assert.is(exportStep.parse({ ...base, password: 'eight888' }, 'export').password, 'eight888');
  assert.ok(isSecretRef(exportStep.parse({ ...base, password: { secret: 'cloud-dp' } }, 'export').password));
  const short = refusal(() => exportStep.parse({ ...base, password: 'seven77' }, 'export'));
  assert.is(
    short.message,
    'export.password: expected a strong password of at least 8 characters, as the export wizard asks, found a password of 7 characters',
  );
  assert.match(refusal(() => exportStep.parse({ ...base, password: { secret: 'a', extra: 1 } }, 'export')).path, /^export\.password/);
  assert.match(
    refusal(() => exportStep.parse({ ...base, password: 12345678 }, 'export')).message,
    /expected a password of at least 8 characters or a sealed reference/,
  );
});

choices('the PFX import steps take any password (a wrong one is worth rehearsing) or a sealed reference', () => {
  for (const [procedure, step] of [
    ['cloud-dp-service-certificate', 'create-cloud-dp'],
    ['dp-client-certificate', 'import-dp-certificate'],
  ] as const) {
    const definition = stepOf(procedure, step);
    const seed = definition.seedChoice({ choices: {} }) as Record<string, unknown>;
    for (const password of ['', 'x', { secret: 'dp' }]) assert.equal(definition.parse({ ...seed, password }, step).password, password);
    assert.match(
      refusal(() => definition.parse({ ...seed, password: null }, step)).message,
      /password: expected a password \(a string\) or a sealed reference/,
    );
  }
});

choices('booleans, numbers and lists must be of their own type', () => {
  const gpo = stepOf('windows-client-certificate', 'create-gpo');
  assert.match(
    refusal(() => gpo.parse({ name: 'G', linkToDomain: 'false' }, 'create-gpo')).message,
    /^create-gpo\.linkToDomain: expected true or false, found "false"$/,
  );
  const wait = stepOf('windows-client-certificate', 'wait');
  assert.match(
    refusal(() => wait.parse({ minutes: 1.5 }, 'wait')).message,
    /^wait\.minutes: expected a whole number of minutes from 1 to 10080/,
  );
  assert.match(refusal(() => wait.parse({ minutes: 1e400 }, 'wait')).message, /found Infinity$/);
  const security = stepOf('iis-web-server-certificate', 'security');
  assert.match(
    refusal(() => security.parse({ edits: [{ principal: 'X', allow: ['Raed'] }] }, 'security')).message,
    /^security\.edits\[0\]\.allow\[0\]: expected one of FullControl, .*did you mean "Read"\?$/,
  );
});

choices('shows found values briefly and never throws on odd ones', () => {
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  assert.is(shown(cyclic), 'a list');
  assert.is(shown(undefined), 'nothing');
  assert.is(shown(new Map()), 'a Map');
  assert.is(shown('x'.repeat(200)).length, 80);
  assert.is(shown('hunter22', 'steps.export.password'), 'a password of 8 characters');
});

choices.run();
