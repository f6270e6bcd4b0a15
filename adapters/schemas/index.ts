export { eventTypes, labEvent, type Equal, type Expect, type Writable } from './events.ts';
