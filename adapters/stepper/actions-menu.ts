import type { World } from '../../domain/index.ts';
import { actions, type ActionDefinition } from '../../workflows/index.ts';
import { choiceLine } from './words.ts';

/** One administrative action ready to take: the action, a choice for this world, and that choice in words. */
export interface ActionProposal {
  readonly action: ActionDefinition;
  readonly choice: Record<string, unknown>;
  readonly label: string;
}

const computers = (world: World) =>
  Object.values(world.directory.principals)
    .filter((p) => p.kind === 'computer')
    .map((p) => p.name);
const templates = (world: World) =>
  Object.values(world.ca.templates)
    .filter((t) => t.schemaVersion > 1)
    .map((t) => t.displayName);

/**
 * The choices an action's menu proposes in this world: one per computer for a computer action, one per pending
 * request for an approval, one per issued certificate not yet revoked for a revocation, one per custom template for a
 * template action; otherwise the action's own example.
 * Each goes through the action's zod schema when taken, so a proposal that no longer fits is refused with its reason.
 */
export const proposalsFor = (action: ActionDefinition, world: World): ActionProposal[] => {
  const fields = Object.keys(action.schema.shape);
  const example = action.example as Record<string, unknown>;
  const vary = (field: string, values: readonly (string | number)[]) =>
    values.length ? values.map((v) => ({ ...example, [field]: v })) : [example];
  const unrevoked = () =>
    Object.values(world.ca.issued)
      .filter((c) => !world.ca.revocations[c.serialNumber])
      .map((c) => c.requestId);
  const choices =
    action.id === 'revoke-certificate'
      ? vary('requestId', unrevoked())
      : fields.includes('requestId')
        ? vary(
            'requestId',
            Object.values(world.ca.pending).map((r) => r.requestId),
          )
        : fields.includes('computer')
          ? vary('computer', computers(world))
          : fields.includes('template') && !/^edit-template|add-application/.test(action.id)
            ? vary('template', templates(world))
            : fields.includes('template')
              ? vary('template', templates(world)).slice(0, 6)
              : [example];
  return choices.map((choice) => ({ action, choice, label: choiceLine(choice) }));
};

/** The catalogue as the menu lists it, grouped as workflows/actions groups it. */
export const actionMenu = (): readonly ActionDefinition[] => [...actions].sort((a, b) => a.group.localeCompare(b.group));
