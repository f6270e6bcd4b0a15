import { type ReactNode, useId } from 'react';
import type { FieldInfo } from '../../api.ts';
import type { JsonSchema } from '../schema-model.ts';

/** What every field of a choice form is given. */
export interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  set: (value: unknown) => void;
  label: string;
  path: string;
  labels: Map<string, FieldInfo>;
  /** Draws a nested field (the form's own field, handed down so that the parts need not import the form). */
  Field: (props: FieldProps) => ReactNode;
}

/** A label beside its input, tied to it by a generated id. */
export const Labelled = ({ label, children }: { label: string; children: (id: string) => React.ReactNode }) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
};
