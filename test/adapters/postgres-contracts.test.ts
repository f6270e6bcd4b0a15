import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import type { EventStore } from '../../workflows/index.ts';
import { testStore } from '../support/postgres.ts';
import { eventStoreContract } from './eventstore-contract.ts';
import { keyStoreContract } from './keystore-contract.ts';
import { secretStoreContract } from './secrets-contract.ts';

// The same contracts as memory, JSONL and files, against a real PostgreSQL server (PKILAB_TEST_PG).
const { store, done } = await testStore();
let made = 0;
/** Each test gets labs of its own (`t3/lab`, `t3/one`…) in the file's schema, as if the store were new. */
const fresh = (): string => `t${(made += 1)}`;

eventStoreContract('postgres', async (): Promise<EventStore> => {
  const prefix = fresh();
  const { events } = store;
  return {
    read: (lab, range) => events.read(`${prefix}/${lab}`, range),
    append: (lab, list, expected) => events.append(`${prefix}/${lab}`, list, expected),
    truncate: (lab, position, expected) => events.truncate(`${prefix}/${lab}`, position, expected),
    version: (lab) => events.version(`${prefix}/${lab}`),
  };
}).run();

keyStoreContract('postgres', async () => store.ports(fresh()).keys, memoryKeyStore()).run();

const secrets = secretStoreContract('postgres', async () => store.ports(fresh()).secrets);
secrets.after(done);
secrets.run();
