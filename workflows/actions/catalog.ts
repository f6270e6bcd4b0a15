import type { ChoiceSchema } from '../kit/choices.ts';
import { caActions } from './ca-actions.ts';
import { certificateActions } from './certificate-actions.ts';
import { computerActions } from './computer-actions.ts';
import { crlActions } from './crl-actions.ts';
import type { ActionDefinition } from './definition.ts';
import { templateActions } from './template-actions.ts';
import { timeActions } from './time-actions.ts';

/**
 * Every administrative action, grouped as the stepper lists them. A new group of actions (revocation and CRL
 * publication, say) is a file of definitions in this folder and one more spread here.
 */
export const actions: readonly ActionDefinition<any>[] = [
  ...computerActions,
  ...caActions,
  ...crlActions,
  ...templateActions,
  ...certificateActions,
  ...timeActions,
];

export const actionIds = (): string[] => actions.map((a) => a.id);

export const findAction = (id: string): ActionDefinition<any> | undefined => actions.find((a) => a.id === id);

/** The strict schema of an action's choice (the fields a scenario or the stepper may give). */
export const actionSchema = (id: string): ChoiceSchema | undefined => findAction(id)?.schema;
