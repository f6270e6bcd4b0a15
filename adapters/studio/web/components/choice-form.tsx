import type { FieldInfo } from '../../api.ts';
import { alternativesOf, type JsonSchema } from '../schema-model.ts';
import { Alternatives, ArrayField, ObjectField } from './choice-compound.tsx';
import { type FieldProps, Labelled } from './choice-parts.tsx';

/** A step's choice as a form drawn from its JSON Schema, labelled with the dialog's own wording where the server has it. */
export const ChoiceForm = ({
  schema,
  fields,
  value,
  set,
}: {
  schema: unknown;
  fields: FieldInfo[];
  value: unknown;
  set: (v: unknown) => void;
}) => {
  const labels = new Map(fields.map((f) => [f.name, f]));
  return (
    <div className="choice-form">
      <SchemaField schema={schema as JsonSchema} value={value} set={set} label="" path="" labels={labels} Field={SchemaField} />
    </div>
  );
};

/** One field of the form, by the kind of its schema; objects, arrays and alternatives nest further fields. */
const SchemaField = (props: FieldProps) => {
  const { schema, value, set, label } = props;
  const alternatives = alternativesOf(schema);
  if (alternatives) return <Alternatives {...props} alternatives={alternatives} />;
  if (schema.const !== undefined)
    return (
      <p className="fixed">
        <span>{label}</span> {String(schema.const)}
      </p>
    );
  switch (schema.type) {
    case 'object':
      return <ObjectField {...props} />;
    case 'array':
      return <ArrayField {...props} />;
    case 'null':
      return null;
    case 'boolean':
      return (
        <label className="field check">
          <input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} /> {label}
        </label>
      );
    case 'number':
    case 'integer':
      return (
        <Labelled label={label}>
          {(id) => (
            <input
              id={id}
              type="number"
              value={Number(value ?? 0)}
              min={schema.minimum}
              max={schema.maximum}
              onChange={(e) => set(Number(e.target.value))}
            />
          )}
        </Labelled>
      );
    default:
      return (
        <Labelled label={label}>
          {(id) => <TextField id={id} schema={schema} value={value} set={set} secret={/password/i.test(props.path)} />}
        </Labelled>
      );
  }
};

const TextField = ({
  id,
  schema,
  value,
  set,
  secret,
}: {
  id: string;
  schema: JsonSchema;
  value: unknown;
  set: (v: unknown) => void;
  secret: boolean;
}) =>
  schema.enum ? (
    <select id={id} value={String(value ?? '')} onChange={(e) => set(e.target.value)}>
      {schema.enum.map((option) => (
        <option key={String(option)} value={String(option)}>
          {String(option)}
        </option>
      ))}
    </select>
  ) : (
    <input
      id={id}
      type={secret ? 'password' : 'text'}
      value={String(value ?? '')}
      onChange={(e) => set(e.target.value)}
      autoComplete="off"
    />
  );
