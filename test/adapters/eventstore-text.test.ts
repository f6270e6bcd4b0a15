import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventText, storedEvents } from '../../adapters/eventstore/event-text.ts';
import { formatLine } from '../../adapters/eventstore/jsonl-format.ts';
import type { PendingEvent } from '../../workflows/index.ts';

const text = suite('adapters/eventstore/event-text');
const pending = [
  { type: 'ProcedureStarted', data: { procedure: 'iis-web-server-certificate', input: null }, at: '2026-11-02T09:01:00.000Z' },
  {
    type: 'ActionTaken',
    data: { procedure: 'iis-web-server-certificate', step: 'restart', choice: null, note: undefined },
    at: '2026-11-02T09:06:00.000Z',
  },
] as unknown as PendingEvent[];

text("an append's events get the positions after the expected version, and the text of each is its JSON", () => {
  const stored = storedEvents(pending, 41);
  assert.equal(
    stored.map((s) => s.event.position),
    [42, 43],
  );
  assert.is(
    stored[0]!.text,
    '{"type":"ProcedureStarted","data":{"procedure":"iis-web-server-certificate","input":null},"at":"2026-11-02T09:01:00.000Z","position":42}',
  );
});

text('the event kept is the one read back from its text: a field without a value is gone, as after a reopen', () => {
  const [, restart] = storedEvents(pending, 0);
  assert.equal(restart!.event, JSON.parse(restart!.text));
  assert.not.ok('note' in (restart!.event.data as object));
  assert.is(eventText(restart!.event), restart!.text);
});

text('a JSONL line holds the same text as the PostgreSQL body, before its chain mark', () => {
  const [first] = storedEvents(pending, 0);
  const { line } = formatLine(first!.text, 0);
  assert.ok(line.startsWith(first!.text.slice(0, -1)));
  assert.is(line, formatLine(first!.event, 0).line);
});

text.run();
