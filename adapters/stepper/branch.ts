import { join } from 'node:path';
import { stringify } from 'yaml';
import { evaluateFindings, findTemplate, TemplateName, formatDn, isSecretRef } from '../../domain/index.ts';
import { isAcceptedInput } from '../../projections/index.ts';
import { adminProcedure, type Lab, type LabPorts, type SecretStore } from '../../workflows/index.ts';
import { copyLab } from '../lab-copy.ts';

/** The position just before the `steps`-th last input of the lab: where going back that far lands. */
export const positionBeforeInputs = (lab: Lab, steps: number): number => {
  const inputs = lab.events.filter((e) => e.type === 'ActionTaken');
  const target = inputs[inputs.length - steps];
  return target ? target.position - 1 : (inputs[0]?.position ?? lab.events.length + 1) - 1;
};

/** Going back and keeping the original: the log up to `position`, its keys and secrets go to a new lab. */
export const forkLab = async (ports: LabPorts, lab: Lab, position: number, target: LabPorts): Promise<void> =>
  copyLab(ports, lab.events.slice(0, position), target, 'lab');

const revealed = async (choice: unknown, secrets: SecretStore): Promise<unknown> => {
  if (typeof choice !== 'object' || choice === null) return choice;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(choice)) out[k] = isSecretRef(v) ? await secrets.reveal(v).catch(() => v) : v;
  return out;
};

type Entry = { procedure: string; steps: Record<string, unknown>; until?: string } | { actions: Array<Record<string, unknown>> };

/**
 * Each procedure of the session with the choice of every step taken (rejected attempts left out, secrets revealed),
 * admin actions grouped as they came, and a procedure left part-way marked `until` its last step taken.
 */
const stepsTaken = async (lab: Lab, secrets: SecretStore): Promise<Entry[]> => {
  const procedures: Entry[] = [];
  for (const [i, e] of lab.events.entries()) {
    if (e.type === 'ProcedureStarted') procedures.push({ procedure: e.data.procedure, steps: {} });
    if (e.type !== 'ActionTaken' || !isAcceptedInput(lab.events, i)) continue;
    const choice = e.data.choice === null ? 'skip' : await revealed(e.data.choice, secrets);
    if (e.data.procedure === adminProcedure) {
      const previous = procedures.at(-1);
      if (previous && 'actions' in previous) previous.actions.push({ action: e.data.step, ...(choice as object) });
      else procedures.push({ actions: [{ action: e.data.step, ...(choice as object) }] });
      continue;
    }
    const entry = [...procedures]
      .reverse()
      .find((p): p is Extract<Entry, { procedure: string }> => 'procedure' in p && p.procedure === e.data.procedure);
    if (entry) entry.steps[e.data.step] = choice;
  }
  // A procedure left part-way stops where the session stopped: `until` its last step taken.
  for (const entry of procedures) {
    if (!('procedure' in entry) || lab.world.procedures[entry.procedure]?.completed) continue;
    const last = Object.keys(entry.steps).at(-1);
    if (last) entry.until = last;
  }
  return procedures;
};

/**
 * The scenario that reproduces a stepped session: the lab as it was created, each procedure with the
 * choice of every step (rejected attempts left out), and the certificates and completions it ended with.
 */
export const scenarioOf = async (lab: Lab, name: string, secrets: SecretStore): Promise<string> => {
  const created = lab.events.find((e) => e.type === 'LabCreated');
  const ca = lab.events.find((e) => e.type === 'CaInstalled');
  const procedures = await stepsTaken(lab, secrets);
  const world = lab.world;
  const certificates = Object.entries(world.hosts.stores).flatMap(([host, stores]) =>
    Object.entries(stores).flatMap(([store, certs]) =>
      (certs ?? []).map((c) => ({
        host,
        ...(store === 'personal' ? {} : { store }),
        template: findTemplate(world.ca, TemplateName(c.template))?.displayName ?? c.template,
      })),
    ),
  );
  const authority = ca?.type === 'CaInstalled' ? ca.data.authority : undefined;
  return [
    `# Written by pkilab step: the choices of a stepped session${authority ? ` on ${authority.name} (${formatDn(authority.subject)})` : ''}.`,
    stringify({
      scenario: name,
      title: `Stepped session ${name}`,
      lab: {
        ...(created?.type === 'LabCreated' ? { startsAt: created.data.startsAt } : {}),
        ...(authority ? { ca: { edition: authority.edition, os: authority.os } } : {}),
      },
      procedures,
      expect: {
        certificates,
        findings: evaluateFindings(world)
          .filter((f) => f.severity !== 'info')
          .map((f) => ({ rule: f.rule, subject: f.subject })),
        completed: Object.values(world.procedures)
          .filter((p) => p.completed)
          .map((p) => p.procedure),
      },
    }),
  ].join('\n');
};

export const forkFolderName = (root: string, n: number) => join(`${root.replace(/-fork-\d+$/, '')}-fork-${n}`);
