import { basename, dirname } from 'node:path';
import type { Context, Hono } from 'hono';
import { findProcedure, openLab, type Lab, type LabPorts, type ProcedureDefinition } from '../../../workflows/index.ts';
import { stepBody, stepQuery, type StepAnswer, type StepView } from '../api.ts';
import { rejectionJson } from '../../json-shapes.ts';
import { labFolder, openExistingLab } from '../../lab-files.ts';
import { positionBeforeInputs } from '../../stepper/branch.ts';
import { procedureStatus } from '../../stepper/prerequisites.ts';
import { explain } from '../../stepper/explain.ts';
import { checklist, currentStep, ensureStarted, optionsFor, takeOption, type StepOption } from '../../stepper/session.ts';
import { jsonBody, limitBody, parseWith, refuse } from './errors.ts';
import { fieldsOf } from './procedures.ts';
import type { OpenedLab } from './labs.ts';
import type { RouteDeps } from './read-routes.ts';

/** The step a procedure is at: its current step, or its first when it has not started (taking it starts the procedure). */
const stepAt = (lab: Lab, procedure: ProcedureDefinition) => {
  const status = procedureStatus(lab.world, procedure);
  if (status.kind === 'done') return undefined;
  return status.kind === 'under-way' ? currentStep(lab, procedure) : procedure.steps[0];
};

/** What the stepper shows at the lab's end: the step, its options (the seed's unmarked in a quiz), the checklist and explain. */
const stepView = (lab: Lab, procedure: ProcedureDefinition, quiz: boolean): StepView => {
  const step = stepAt(lab, procedure);
  const list = checklist(lab, procedure);
  return {
    step: step
      ? {
          id: step.id,
          title: step.title,
          purpose: step.purpose,
          seed: step.seed,
          skippable: step.skippable,
          fields: fieldsOf(step),
          options: optionsFor(lab, procedure, step).map((o) => ({ label: o.label, choice: o.choice, seed: quiz ? false : o.seed })),
        }
      : null,
    checklist: {
      done: [...list.done],
      skipped: [...list.skipped],
      ...(list.current ? { current: list.current } : {}),
      upcoming: [...list.upcoming],
    },
    explain: explain(lab, procedure, step),
  };
};

const labOf = (l: OpenedLab): Lab => ({
  id: basename(l.entry.path ?? 'lab', '.jsonl'),
  events: l.source.events,
  world: l.timeline.worldAt(l.source.events.length),
});

export const stepRoutes = (app: Hono, { registry, warn }: RouteDeps) => {
  const procedureOf = (c: Context) => {
    const id = c.req.param('procedure') ?? '';
    return (
      findProcedure(id) ??
      refuse(404, 'STUDIO_NOT_FOUND', `step: expected a procedure of GET /api/procedures, found ${JSON.stringify(id.slice(0, 80))}`)
    );
  };

  app.get('/api/labs/:lab/step/:procedure', async (c) => {
    const { quiz } = parseWith(stepQuery, c.req.query(), 'step');
    const procedure = procedureOf(c);
    return c.json(stepView(labOf(await registry.get(c.req.param('lab'))), procedure, quiz === '1'));
  });

  /** One action of the stepper, appended under the lab's writer lock exactly as `pkilab step` appends it. */
  app.post('/api/labs/:lab/step/:procedure', limitBody(256 * 1024), async (c) => {
    const quiz = parseWith(stepQuery, c.req.query(), 'step').quiz === '1';
    const procedure = procedureOf(c);
    const { entry } = await registry.get(c.req.param('lab'));
    const body = parseWith(stepBody, await jsonBody(c), 'step');
    if (!entry.writable || !entry.path) {
      refuse(
        403,
        'STUDIO_READ_ONLY',
        `step: expected a lab log the studio may write, found ${entry.kind} ${entry.name} (fork it to step on)`,
      );
    }
    const folder = labFolder(dirname(entry.path!), basename(entry.path!, '.jsonl'));
    const writer = await openExistingLab(folder, 'pkilab studio', warn);
    let outcome: Awaited<ReturnType<typeof act>>;
    try {
      outcome = await act(writer.ports, await openLab(writer.ports, folder.labId), procedure, body, quiz);
    } finally {
      await writer.release();
    }
    const after = await registry.get(c.req.param('lab'));
    const events = after.source.events.slice(outcome.before).map(after.travel.context.json);
    const { accepted, rejection } = outcome;
    return c.json({
      result: { accepted, ...(rejection ? { rejection } : {}), events },
      next: stepView(labOf(after), procedure, quiz),
    } satisfies StepAnswer);
  });
};

/** Takes, skips or goes back one step on the lab (its writer's ports): what `pkilab step` does for the same key. */
const act = async (ports: LabPorts, lab: Lab, procedure: ProcedureDefinition, body: Body, quiz: boolean) => {
  const before = lab.events.length;
  if (body.action === 'back') {
    if (!lab.events.some((e) => e.type === 'ActionTaken'))
      refuse(400, 'STUDIO_BAD_REQUEST', 'step back: expected a lab with a step taken, found none');
    await ports.events.truncate(lab.id, positionBeforeInputs(lab, 1), lab.events.length);
    return { before, accepted: true };
  }
  const status = procedureStatus(lab.world, procedure);
  if (status.kind === 'needs') {
    refuse(400, 'STUDIO_BAD_REQUEST', `step: ${procedure.id} needs ${status.first.join(' and ')} first; found them not done in this lab`);
  }
  if (status.kind === 'done') {
    refuse(
      400,
      'STUDIO_BAD_REQUEST',
      `step: expected a procedure not done yet, found ${procedure.id} completed (fork the lab before it to step it again)`,
    );
  }
  const started = await ensureStarted(ports, lab, procedure);
  const step = currentStep(started, procedure)!;
  const option = chooseOption(body, optionsFor(started, procedure, step), step.skippable, (choice) => step.parse(choice, step.id));
  const taken = await takeOption(ports, started, { procedure, step, option, quiz });
  if (!taken.result.rejection) return { before, accepted: true };
  return { before, accepted: false, rejection: rejectionJson(taken.lab.world.rejections.at(-1)!) };
};

type Body = ReturnType<typeof stepBody.parse>;

/**
 * The option a step request names: one of those offered (by index), a choice of the person's own (checked by the
 * step's schema), or leaving the step out.
 */
const chooseOption = (body: Body, options: readonly StepOption[], skippable: boolean, parse: (choice: unknown) => unknown): StepOption => {
  if (body.action === 'skip') {
    if (!skippable) refuse(400, 'STUDIO_BAD_REQUEST', 'step skip: expected a step that can be left out, found one its dialog requires');
    return options.find((o) => o.choice === null)!;
  }
  if (body.action !== 'take') return refuse(400, 'STUDIO_BAD_REQUEST', 'step: expected take, skip or back');
  if (body.choice !== undefined) {
    try {
      parse(body.choice);
    } catch (error) {
      refuse(400, 'STUDIO_BAD_REQUEST', `step take choice: ${(error as Error).message}`);
    }
    return { label: 'own choice', detail: '', fields: [], choice: body.choice, seed: false };
  }
  const index = body.option ?? 0;
  return (
    options[index] ??
    refuse(400, 'STUDIO_BAD_REQUEST', `step take option: expected an option from 0 to ${options.length - 1}, found ${index}`)
  );
};
