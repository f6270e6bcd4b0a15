import 'reflect-metadata';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issuedTo } from '../../domain/ca/lookup.ts';
import type { RecordedEvent } from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { realLog } from '../support/log-torture.ts';

/** The CA's projection keeps requesters' certificates under any name a log may carry. */
const ca = suite('projections/ca');

/** Names an object answers for without holding them (Object.prototype's members). */
const inherited = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];

ca('a certificate issued to a requester named like an Object.prototype member is kept under that name, and found by it', async () => {
  const log = await realLog();
  const issued = log.findIndex((e) => e.type === 'CertificateIssued');
  for (const name of inherited) {
    const events = structuredClone(log) as RecordedEvent[];
    const event = events[issued] as Extract<RecordedEvent, { type: 'CertificateIssued' }>;
    (event.data.certificate as { requester: string }).requester = name;
    const world = fold(events);
    assert.equal(
      issuedTo(world.ca, name).map((c) => c.serialNumber),
      [event.data.certificate.serialNumber],
      name,
    );
  }
});

ca('a requester with no certificate has none, whatever its name', async () => {
  const world = fold(await realLog());
  for (const name of inherited) assert.equal(issuedTo(world.ca, name), [], name);
});

ca.run();
