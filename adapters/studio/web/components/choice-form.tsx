import { useId } from 'react';
import type { FieldInfo } from '../../api.ts';
import { alternativeIndex, alternativeLabel, alternativesOf, initialValue, type JsonSchema, wordsOf } from '../schema-model.ts';

interface FieldProps { schema: JsonSchema; value: unknown; set: (value: unknown) => void; label: string; path: string; labels: Map<string, FieldInfo> }

/** A step's choice as a form drawn from its JSON Schema, labelled with the dialog's own wording where the server has it. */
export const ChoiceForm = ({ schema, fields, value, set }: { schema: unknown; fields: FieldInfo[]; value: unknown; set: (v: unknown) => void }) => {
  const labels = new Map(fields.map((f) => [f.name, f]));
  return (
    <div className="choice-form">
      <SchemaField schema={schema as JsonSchema} value={value} set={set} label="" path="" labels={labels} />
    </div>
  );
};

const labelOf = (labels: Map<string, FieldInfo>, path: string, name: string): string =>
  labels.get(path)?.label ?? labels.get(name)?.label ?? wordsOf(name);

const SchemaField = (props: FieldProps) => {
  const { schema, value, set, label } = props;
  const alternatives = alternativesOf(schema);
  if (alternatives) return <Alternatives {...props} alternatives={alternatives} />;
  if (schema.const !== undefined) return <p className="fixed"><span>{label}</span> {String(schema.const)}</p>;
  switch (schema.type) {
    case 'object': return <ObjectField {...props} />;
    case 'array': return <ArrayField {...props} />;
    case 'null': return null;
    case 'boolean':
      return <label className="field check"><input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} /> {label}</label>;
    case 'number': case 'integer':
      return <Labelled label={label}>{(id) => <input id={id} type="number" value={Number(value ?? 0)} min={schema.minimum} max={schema.maximum} onChange={(e) => set(Number(e.target.value))} />}</Labelled>;
    default:
      return <Labelled label={label}>{(id) => <TextField id={id} schema={schema} value={value} set={set} secret={/password/i.test(props.path)} />}</Labelled>;
  }
};

const TextField = ({ id, schema, value, set, secret }: { id: string; schema: JsonSchema; value: unknown; set: (v: unknown) => void; secret: boolean }) =>
  schema.enum ? (
    <select id={id} value={String(value ?? '')} onChange={(e) => set(e.target.value)}>
      {schema.enum.map((option) => <option key={String(option)} value={String(option)}>{String(option)}</option>)}
    </select>
  ) : (
    <input id={id} type={secret ? 'password' : 'text'} value={String(value ?? '')} onChange={(e) => set(e.target.value)} autoComplete="off" />
  );

const Labelled = ({ label, children }: { label: string; children: (id: string) => React.ReactNode }) => {
  const id = useId();
  return <div className="field"><label htmlFor={id}>{label}</label>{children(id)}</div>;
};

const ObjectField = ({ schema, value, set, label, path, labels }: FieldProps) => {
  const record = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const required = new Set(schema.required ?? []);
  const inner = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const here = path ? `${path}.${name}` : name;
    const text = `${labelOf(labels, here, name)}${required.has(name) ? '' : ' (optional)'}`;
    const fieldValue = record[name] ?? (property.const !== undefined ? property.const : undefined);
    return <SchemaField key={name} schema={property} value={fieldValue} set={(v) => set({ ...record, [name]: v })} label={text} path={here} labels={labels} />;
  });
  return path === '' ? <>{inner}</> : <fieldset><legend>{label}</legend>{inner}</fieldset>;
};

const ArrayField = ({ schema, value, set, label, path, labels }: FieldProps) => {
  const items = Array.isArray(value) ? value : [];
  const item = schema.items ?? {};
  if (item.enum) {
    return (
      <fieldset className="checks"><legend>{label}</legend>
        {item.enum.map((option) => (
          <label key={String(option)} className="check">
            <input type="checkbox" checked={items.includes(option)} onChange={(e) => set(e.target.checked ? [...items, option] : items.filter((i) => i !== option))} /> {String(option)}
          </label>
        ))}
      </fieldset>
    );
  }
  if (item.type === 'string') {
    return (
      <Labelled label={`${label} (one per line)`}>
        {(id) => <textarea id={id} rows={Math.max(2, items.length + 1)} value={items.join('\n')} onChange={(e) => set(e.target.value.split('\n').map((l) => l.trim()).filter((l, i, all) => l !== '' || i === all.length - 1))} />}
      </Labelled>
    );
  }
  return (
    <fieldset><legend>{label}</legend>
      {items.map((v, i) => (
        <div key={i} className="array-item">
          <SchemaField schema={item} value={v} set={(next) => set(items.map((old, j) => (j === i ? next : old)))} label={`${i + 1}.`} path={`${path}[]`} labels={labels} />
          <button type="button" className="small" onClick={() => set(items.filter((_, j) => j !== i))}>remove</button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => set([...items, initialValue(item)])}>add</button>
    </fieldset>
  );
};

const Alternatives = (props: FieldProps & { alternatives: JsonSchema[] }) => {
  const { alternatives, value, set, label } = props;
  const chosen = alternativeIndex(alternatives, value);
  const schema = alternatives[chosen] ?? {};
  return (
    <div className="alternatives">
      <Labelled label={label}>
        {(id) => (
          <select id={id} value={chosen} onChange={(e) => set(initialValue(alternatives[Number(e.target.value)] ?? {}))}>
            {alternatives.map((a, i) => <option key={i} value={i}>{alternativeLabel(a)}</option>)}
          </select>
        )}
      </Labelled>
      {schema.type !== 'null' && <SchemaField {...props} schema={schema} label={schema.type === 'object' ? label : `${label}: ${alternativeLabel(schema)}`} />}
    </div>
  );
};
