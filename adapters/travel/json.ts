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

export const travelOutputShape = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('show'), position, event: eventShape.nullable(), world: z.record(z.string(), z.unknown()) }),
  ...(['next', 'prev', 'goto'] as const).map((command) =>
    z.strictObject({ command: z.literal(command), position, event: eventShape.nullable() }),
  ),
  z.strictObject({ command: z.literal('log'), from: position, to: position, events: z.array(eventShape) }),
  z.strictObject({ command: z.literal('diff'), from: position, to: position, changes: z.array(changeShape) }),
  z.strictObject({
    command: z.literal('bisect'),
    finding: findingShape,
    position,
    event: eventShape,
    later: z.array(z.strictObject({ kind: z.enum(['cleared', 'back']), position, event: eventShape })),
    skippedAfter: z.array(eventShape),
  }),
  z.strictObject({ command: z.literal('why'), position, entity: z.string(), keys: z.array(z.string()), events: z.array(eventShape) }),
  z.strictObject({
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
  z.strictObject({ command: z.literal('fork'), log: z.string(), events: position, divergedAt: position.nullable(), carried }),
  z.strictObject({ command: z.literal('export'), file: z.string(), events: position, keys: z.array(z.string()) }),
  z.strictObject({ command: z.literal('help'), commands: z.array(z.string()) }),
]);
