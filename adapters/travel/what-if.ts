import { basename, dirname } from 'node:path';
import { evaluateFindings, type RecordedEvent } from '../../domain/index.ts';
import { diffWorlds, type Timeline } from '../../projections/index.ts';
import { adminProcedure, procedures, redecide, type WhatIf } from '../../workflows/index.ts';
import { rejectionJson, type EventJson, type placesOf } from '../json-shapes.ts';
import { copyLab, referencesOf } from '../lab-copy.ts';
import { labFolder, openNewLab } from '../lab-files.ts';
import { describeEvent } from './describe.ts';
import { redecisionPorts } from './redecision-ports.ts';
import { exportBundle, TravelError, type LabSource } from './source.ts';

/** What the what-if, fork and export commands read of their session. */
export interface Context {
  readonly source: LabSource;
  readonly events: readonly RecordedEvent[];
  readonly timeline: Timeline;
  readonly last: number;
  /** The procedure and step each event belongs to, by position - 1. */
  readonly where: ReturnType<typeof placesOf>;
  readonly int: (value: string | undefined, what: string, max?: number) => number;
  readonly lineOf: (e: RecordedEvent) => string;
  readonly json: (e: RecordedEvent) => EventJson;
  readonly warn: (w: string) => void;
}

type Output = { lines: string[]; json: Record<string, unknown> & { command: string } };

/** The recorded input a what-if names: its position, or a step (`restart`, `procedure:step`) for that step's last input. */
const inputAt = (c: Context, reference: string | undefined, what: string): number => {
  if (reference !== undefined && !/^\d+$/.test(reference)) {
    const [procedure, step] = reference.includes(':') ? reference.split(':') : [undefined, reference];
    const input = [...c.events]
      .reverse()
      .find((e) => e.type === 'ActionTaken' && e.data.step === step && (procedure === undefined || e.data.procedure === procedure));
    if (input) return input.position;
    const known = procedures.flatMap((p) => p.steps.map((s) => s.id));
    throw new TravelError(
      `${what}: expected an input's position or the name of a step taken in this log, found "${reference}"${known.includes(step!) ? ' (a step this log never takes)' : ''}`,
    );
  }
  const position = c.int(reference, what);
  const event = c.events[position - 1];
  if (event?.type !== 'ActionTaken') {
    const near = c.events.flatMap((e) =>
      e.type === 'ActionTaken' && Math.abs(e.position - position) <= 6 ? [`${e.position} (${e.data.step})`] : [],
    );
    throw new TravelError(
      `${what}: position ${position} is ${event ? `a ${event.type}` : 'before the first event'}, not an input (ActionTaken); inputs near it: ${near.join(', ') || 'none'}; or name the step`,
    );
  }
  return position;
};

/** Refuses a skip of an input whose step cannot be left out in its dialog (admin actions can always be skipped). */
const checkSkippable = (c: Context, position: number, what: string): void => {
  const input = c.events[position - 1]!;
  if (input.type === 'ActionTaken' && input.data.procedure === adminProcedure) return;
  const step =
    input.type === 'ActionTaken'
      ? procedures.find((p) => p.id === input.data.procedure)?.steps.find((s) => s.id === input.data.step)
      : undefined;
  if (!step?.skippable)
    throw new TravelError(
      `${what} skip: the step at ${position} (${step?.id ?? 'unknown'}) cannot be left out in its dialog; change it instead`,
    );
};

/** The fields of a `change`: every remaining word joined as typed, which must be a JSON object. */
const parseChoice = (words: readonly string[], what: string): object => {
  const json = words.join(' ');
  let choice: unknown;
  try {
    choice = JSON.parse(json);
  } catch {
    throw new TravelError(
      `${what} change: expected the fields to change as JSON in single quotes (for example '{"computer":"SERVER1"}'), found ${json || 'nothing'}`,
    );
  }
  if (choice === null || typeof choice !== 'object' || Array.isArray(choice))
    throw new TravelError(`${what} change: expected a JSON object of fields, found ${json}`);
  return choice;
};

/** `skip INPUT` or `change INPUT JSON`: the JSON is every remaining word, joined as typed. */
export const parseWhatIf = (c: Context, args: readonly string[], what: string): WhatIf => {
  const [kind, reference, ...rest] = args;
  if (kind !== 'skip' && kind !== 'change')
    throw new TravelError(`${what}: expected skip INPUT or change INPUT JSON, found ${kind ?? 'nothing'}`);
  const position = inputAt(c, reference, `${what} ${kind}`);
  if (kind === 'skip') {
    checkSkippable(c, position, what);
    return { kind, position };
  }
  return { kind, position, choice: parseChoice(rest, what) };
};

export const decideAgain = async (c: Context, change: WhatIf) => {
  const ports = redecisionPorts(c.source, (ref) => c.warn(`the key ${ref} is not available here; a stand-in key signs in its place`));
  return { result: await redecide(ports, c.events, change), ports };
};

export const whatIfCommand = async (c: Context, args: readonly string[]): Promise<Output> => {
  const change = parseWhatIf(c, args, 'what-if');
  const { result } = await decideAgain(c, change);
  const before = c.timeline.worldAt(c.last);
  const after = result.lab.world;
  const findings = evaluateFindings(after).map((f) => f.id);
  const recordedFindings = evaluateFindings(before).map((f) => f.id);
  const changes = diffWorlds(before, after, { findings: false });
  const rejections = after.rejections.map(rejectionJson);
  const rejectionLine = (r: ReturnType<typeof rejectionJson>) =>
    `  ✗ ${r.procedure} › ${r.step} (position ${r.position}): ${r.code} ${r.name}: ${r.reason}`;
  const diverged = result.divergedAt ? (result.lab.events[result.divergedAt - 1] ?? c.events[result.divergedAt - 1]!) : undefined;
  return {
    lines: [
      `decided the ${c.events.length} recorded events again with ${change.kind === 'skip' ? `the input at ${change.position} skipped` : `the input at ${change.position} changed by ${JSON.stringify(change.choice)}`}: ${result.lab.events.length} events`,
      diverged
        ? `the outcome diverges from the recording at position ${result.divergedAt}: ${describeEvent(diverged)}`
        : 'the outcome is the same as the recording',
      ...(result.carried.length
        ? [`carried forward with the seed's choices: ${result.carried.map((s) => `${s.procedure} › ${s.step} ${s.outcome}`).join(', ')}`]
        : []),
      `rejections: ${rejections.length || 'none'} (recorded: ${before.rejections.length || 'none'})`,
      ...rejections.map(rejectionLine),
      `findings now: ${findings.join(', ') || 'none'} (recorded: ${recordedFindings.join(', ') || 'none'})`,
      "world compared with the recording's end:",
      ...changes.map((x) => `  ${x.area.padEnd(9)} ${x.text}`),
    ],
    json: {
      command: 'what-if',
      whatIf: change,
      divergedAt: result.divergedAt ?? null,
      carried: result.carried,
      rejections,
      recordedRejections: before.rejections.map(rejectionJson),
      findings,
      recordedFindings,
      changes,
    },
  };
};

export const forkCommand = async (c: Context, words: readonly string[]): Promise<Output> => {
  const args = [...words];
  const force = args.includes('--force');
  if (force) args.splice(args.indexOf('--force'), 1);
  const out = args.shift();
  if (!out?.endsWith('.jsonl')) throw new TravelError(`fork: expected the new log's path (…/lab.jsonl), found ${out ?? 'nothing'}`);
  const { result, ports } = await decideAgain(c, parseWhatIf(c, args, 'fork'));
  const folder = labFolder(dirname(out), basename(out, '.jsonl'));
  const writer = await openNewLab(folder, 'pkilab travel fork', force ? 'force' : 'never');
  try {
    await copyLab(ports, result.lab.events, writer.ports, folder.labId);
  } finally {
    await writer.release();
  }
  const refs = referencesOf(result.lab.events);
  return {
    lines: [`forked into ${out} (${result.lab.events.length} events, ${refs.keys.length} keys in ${folder.keys})`],
    json: { command: 'fork', log: out, events: result.lab.events.length, divergedAt: result.divergedAt ?? null, carried: result.carried },
  };
};

export const exportCommand = async (c: Context, words: readonly string[]): Promise<Output> => {
  const args = [...words];
  const toAt = args.indexOf('--to');
  const to = toAt < 0 ? undefined : c.int(args.splice(toAt, 2)[1], 'export --to');
  const withKeys = !args.includes('--without-keys');
  const force = args.includes('--force');
  const out = args.find((a) => !a.startsWith('--'));
  const unknown = args.find((a) => a.startsWith('--') && !['--without-keys', '--force'].includes(a));
  if (unknown) throw new TravelError(`export: expected --to N, --without-keys or --force, found ${unknown}`);
  if (!out) throw new TravelError('export: expected the output file (for example broken-lab.json), found nothing');
  const bundle = await exportBundle(c.source, out, { to, withKeys, force });
  return {
    lines: [
      `exported ${bundle.events.length} events${withKeys ? ` and ${Object.keys(bundle.keys ?? {}).length} private keys (keep the file as safe as the keys)` : ' without keys'} to ${out}`,
    ],
    json: { command: 'export', file: out, events: bundle.events.length, keys: Object.keys(bundle.keys ?? {}) },
  };
};
