import type { FieldInfo } from '../../api.ts';
import { alternativeIndex, alternativeLabel, initialValue, type JsonSchema, wordsOf } from '../schema-model.ts';
import { type FieldProps, Labelled } from './choice-parts.tsx';

const labelOf = (labels: Map<string, FieldInfo>, path: string, name: string): string =>
  labels.get(path)?.label ?? labels.get(name)?.label ?? wordsOf(name);

/** An object: a fieldset of its properties (the top level without a frame); constants are shown, not edited. */
export const ObjectField = ({ schema, value, set, label, path, labels, Field }: FieldProps) => {
  const record = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const required = new Set(schema.required ?? []);
  const inner = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const here = path ? `${path}.${name}` : name;
    const text = `${labelOf(labels, here, name)}${required.has(name) ? '' : ' (optional)'}`;
    const fieldValue = record[name] ?? (property.const !== undefined ? property.const : undefined);
    return (
      <Field
        key={name}
        schema={property}
        value={fieldValue}
        set={(v) => set({ ...record, [name]: v })}
        label={text}
        path={here}
        labels={labels}
        Field={Field}
      />
    );
  });
  return path === '' ? (
    <>{inner}</>
  ) : (
    <fieldset>
      <legend>{label}</legend>
      {inner}
    </fieldset>
  );
};

/** A list of options as checkboxes (the Security tab's permissions, the alternative name types). */
const OptionChecks = ({
  options,
  items,
  set,
  label,
}: {
  options: unknown[];
  items: unknown[];
  set: (v: unknown) => void;
  label: string;
}) => (
  <fieldset className="checks">
    <legend>{label}</legend>
    {options.map((option) => (
      <label key={String(option)} className="check">
        <input
          type="checkbox"
          checked={items.includes(option)}
          onChange={(e) => set(e.target.checked ? [...items, option] : items.filter((i) => i !== option))}
        />{' '}
        {String(option)}
      </label>
    ))}
  </fieldset>
);

/** A list: checkboxes for a list of options, lines for a list of texts, repeated fieldsets for a list of objects. */
export const ArrayField = ({ schema, value, set, label, path, labels, Field }: FieldProps) => {
  const items = Array.isArray(value) ? value : [];
  const item = schema.items ?? {};
  if (item.enum) return <OptionChecks options={item.enum} items={items} set={set} label={label} />;
  if (item.type === 'string') {
    return (
      <Labelled label={`${label} (one per line)`}>
        {(id) => (
          <textarea
            id={id}
            rows={Math.max(2, items.length + 1)}
            value={items.join('\n')}
            onChange={(e) => set(e.target.value.split('\n').filter((l, i, all) => l !== '' || i === all.length - 1))}
          />
        )}
      </Labelled>
    );
  }
  return (
    <fieldset>
      <legend>{label}</legend>
      {items.map((v, i) => (
        <div key={i} className="array-item">
          <Field
            schema={item}
            value={v}
            set={(next) => set(items.map((old, j) => (j === i ? next : old)))}
            label={`${i + 1}.`}
            path={`${path}[]`}
            labels={labels}
            Field={Field}
          />
          <button type="button" className="small" onClick={() => set(items.filter((_, j) => j !== i))}>
            remove
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => set([...items, initialValue(item)])}>
        add
      </button>
    </fieldset>
  );
};

/** One of several shapes (anyOf/oneOf): a chooser, then the chosen shape's fields. */
export const Alternatives = (props: FieldProps & { alternatives: JsonSchema[] }) => {
  const { alternatives, value, set, label } = props;
  const chosen = alternativeIndex(alternatives, value);
  const schema = alternatives[chosen] ?? {};
  return (
    <div className="alternatives">
      <Labelled label={label}>
        {(id) => (
          <select id={id} value={chosen} onChange={(e) => set(initialValue(alternatives[Number(e.target.value)] ?? {}))}>
            {alternatives.map((a, i) => (
              <option key={i} value={i}>
                {alternativeLabel(a)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {schema.type !== 'null' && (
        <props.Field {...props} schema={schema} label={schema.type === 'object' ? label : `${label}: ${alternativeLabel(schema)}`} />
      )}
    </div>
  );
};
