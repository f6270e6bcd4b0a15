import { memoryEventStore } from '../../adapters/eventstore/memory.ts';
import { eventStoreContract } from './eventstore-contract.ts';

eventStoreContract('memory', async () => memoryEventStore()).run();
