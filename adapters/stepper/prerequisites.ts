import type { World } from '../../domain/index.ts';
import { prerequisitesOf, type ProcedureDefinition } from '../../workflows/index.ts';

export { prerequisitesOf };

export type ProcedureStatus =
  | { readonly kind: 'done' }
  | { readonly kind: 'under-way' }
  | { readonly kind: 'available' }
  | { readonly kind: 'needs'; readonly first: readonly string[] };

/** Where a procedure stands in a lab: done, under way, available, or needing other procedures first. */
export const procedureStatus = (world: World, procedure: ProcedureDefinition): ProcedureStatus => {
  const progress = world.procedures[procedure.id];
  if (progress?.completed) return { kind: 'done' };
  if (progress) return { kind: 'under-way' };
  const missing = prerequisitesOf(procedure)
    .filter((p) => !world.procedures[p.id]?.completed)
    .map((p) => p.id);
  return missing.length ? { kind: 'needs', first: missing } : { kind: 'available' };
};

export const statusText = (status: ProcedureStatus): string =>
  status.kind === 'needs' ? `needs ${status.first.join(' and ')} first` : status.kind === 'under-way' ? 'under way' : status.kind;
