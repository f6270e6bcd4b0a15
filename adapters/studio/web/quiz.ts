import { choiceLine } from '../../stepper/words.ts';

/** An option as the stepper lists it: the index the server knows it by, and what the page writes beside its radio. */
interface ShownOption {
  readonly index: number;
  readonly label: string;
}

/**
 * The step's options as the page lists them. Outside a quiz, in the server's order with its labels. In a quiz the
 * seed's option must not give itself away: its label ("As the seed does it") and its place (always first) would,
 * so every option reads as its dialog fields (the same words for all) and the list is in the order of those words.
 */
export const shownOptions = (options: ReadonlyArray<{ label: string; choice: unknown }>, quiz: boolean): ShownOption[] => {
  const shown = options.map((o, index) => ({ index, label: quiz ? choiceLine(o.choice) : o.label }));
  return quiz ? shown.sort((a, b) => a.label.localeCompare(b.label) || a.index - b.index) : shown;
};
