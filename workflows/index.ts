export { procedures, findProcedure } from './catalog.ts';
export type { ProcedureDefinition, StepDefinition, ProcedureContext, ProcedureEvent, StepCommand } from './procedure.ts';
export { procedureMachine } from './procedure.ts';
export { procedureSnapshot, machineOf, type ProcedureSnapshot } from './replay.ts';
export { ChoiceError } from './choices.ts';
export { createLab, openLab, startProcedure, takeStep, type Lab, type StepOutcome } from './engine.ts';
export { isPortError, portError, type EventStore, type KeyStore, type Signer, type LabPorts, type PendingEvent, type PortError } from './ports.ts';
