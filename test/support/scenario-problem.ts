import { parseScenario, ScenarioError } from '../../adapters/scenario/load.ts';

/** The ScenarioError a scenario text is refused with (as s.yaml); fails when it loads. */
export const scenarioProblem = (text: string): ScenarioError => {
  try {
    parseScenario('s.yaml', text);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
};
