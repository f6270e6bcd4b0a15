import { procedures, type StepDefinition } from '../../../workflows/index.ts';
import type { FieldInfo, ProceduresAnswer } from '../api.ts';
import { choiceJsonSchema } from '../../scenario/schema.ts';
import { fieldLabel } from '../../stepper/words.ts';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  const?: unknown;
};

/** What kind of input a field of the JSON Schema needs: a check box, a list to choose from, a number, text, a list, or a group. */
const kindOf = (s: JsonSchema): Pick<FieldInfo, 'kind' | 'options'> => {
  const options = s.enum ?? s.anyOf?.flatMap((a) => a.enum ?? (a.const !== undefined ? [a.const] : []));
  if (options?.length) return { kind: 'choice', options: options.map(String) };
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  return {
    kind:
      type === 'boolean'
        ? 'boolean'
        : type === 'integer' || type === 'number'
          ? 'number'
          : type === 'array'
            ? 'list'
            : type === 'object'
              ? 'group'
              : 'text',
  };
};

/** The fields of a step's choice, labelled as its dialog labels them. */
export const fieldsOf = (step: StepDefinition): FieldInfo[] => {
  const schema = choiceJsonSchema(step) as JsonSchema;
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, label: fieldLabel(name), ...kindOf(s) }));
};

/** Every procedure of the seed with its steps, each with its choice schema and fields (the studio's forms). */
export const proceduresAnswer = (): ProceduresAnswer => ({
  procedures: procedures.map((p) => ({
    id: p.id,
    title: p.title,
    seedSection: p.seedSection,
    summary: p.summary,
    steps: p.steps.map((s) => ({
      id: s.id,
      title: s.title,
      purpose: s.purpose,
      seed: s.seed,
      skippable: s.skippable,
      phase: p.id,
      schema: choiceJsonSchema(s),
      fields: fieldsOf(s),
    })),
  })),
});
