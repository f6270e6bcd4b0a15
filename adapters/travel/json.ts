import { z } from 'zod';
import { changeShape, eventShape, findingShape, rejectionShape } from '../json-shapes.ts';

/**
 * What `pkilab travel … --json` prints, command by command: every output names its command and uses the
 * shared shapes for events, rejections, changes and findings. The tests check every subcommand against it.
 */
const position = z.number().int().nonnegative();
const carried = z.array(z.strictObject({ procedure: z.string(), step: z.string(), outcome: z.enum(['done', 'skipped', 'rejected']) }));
const whatIf = z.union([
  z.strictObject({ kind: z.literal('skip'), position }),
  z.strictObject({ kind: z.literal('change'), position, choice: z.record(z.string(), z.unknown()) }),
]);

/** Said by an answer given while the rest of the log is still being checked: events checked so far, and how much of the file. */
const checking = z.strictObject({ events: position, percent: z.number().int().min(0).max(100) }).optional();

export const travelOutputShape = z.discriminatedUnion('command', [
  z.strictObject({
    checking,
    command: z.literal('show'),
    position,
    event: eventShape.nullable(),
    world: z.record(z.string(), z.unknown()),
  }),
  ...(['next', 'prev', 'goto'] as const).map((command) =>
    z.strictObject({ checking, command: z.literal(command), position, event: eventShape.nullable() }),
  ),
  z.strictObject({ checking, command: z.literal('log'), from: position, to: position, events: z.array(eventShape) }),
  z.strictObject({ checking, command: z.literal('diff'), from: position, to: position, changes: z.array(changeShape) }),
  z.strictObject({
    checking,
    command: z.literal('bisect'),
    finding: findingShape,
    position,
    event: eventShape,
    later: z.array(z.strictObject({ kind: z.enum(['cleared', 'back']), position, event: eventShape })),
    skippedAfter: z.array(eventShape),
  }),
  z.strictObject({
    checking,
    command: z.literal('why'),
    position,
    entity: z.string(),
    keys: z.array(z.string()),
    events: z.array(eventShape),
  }),
  z.strictObject({
    checking,
    command: z.literal('what-if'),
    whatIf,
    divergedAt: position.nullable(),
    carried,
    rejections: z.array(rejectionShape),
    recordedRejections: z.array(rejectionShape),
    findings: z.array(z.string()),
    recordedFindings: z.array(z.string()),
    changes: z.array(changeShape),
  }),
  z.strictObject({ checking, command: z.literal('fork'), log: z.string(), events: position, divergedAt: position.nullable(), carried }),
  z.strictObject({ checking, command: z.literal('export'), file: z.string(), events: position, keys: z.array(z.string()) }),
  z.strictObject({ checking, command: z.literal('help'), commands: z.array(z.string()) }),
]);
