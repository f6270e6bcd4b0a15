import { evaluateFindings, templateAsTyped, type World } from '../../domain/index.ts';
import { nameTemplate, type Lab, type ProcedureDefinition, type StepDefinition } from '../../workflows/index.ts';
import { choicesOf } from './session.ts';
import { offeredTemplates } from './wizard.ts';

/** The template a procedure works on (named on its General tab) and the computers its steps name. */
export const procedureScope = (lab: Lab, procedure: ProcedureDefinition): { template?: string; hosts: string[] } => {
  const choices = choicesOf(lab, procedure.id);
  const naming = procedure.steps.find((s) => s.id === nameTemplate.id);
  const named =
    nameTemplate.read({ choices })?.displayName ?? (naming?.seedChoice({ choices }) as { displayName?: string } | undefined)?.displayName;
  const hosts = [
    ...new Set(
      procedure.steps.flatMap((s) => {
        const choice = s.seedChoice({ choices }) as { computer?: string; host?: string } | null;
        return [choice?.computer, choice?.host].filter((h): h is string => Boolean(h && lab.world.hosts.hosts[h]));
      }),
    ),
  ];
  return { ...(named ? { template: named } : {}), hosts };
};

/** The template's version, subject source, issuing CAs and security, as `explain` tells them. */
const templateLines = (world: World, template: NonNullable<ReturnType<typeof templateAsTyped>>): string[] => {
  const issuers = Object.values(world.ca.authorities)
    .filter((a) => a.templatesToIssue.includes(template.name))
    .map((a) => a.name)
    .join(', ');
  const security = template.acl.map((a) => `${a.principal} ${a.allow.join('+')}${a.deny.length ? ` deny ${a.deny.join('+')}` : ''}`);
  return [
    `Template "${template.displayName}": version ${template.schemaVersion}, ${template.subjectName.source}, issued by ${issuers || 'no CA'}`,
    `  Security: ${security.join('; ')}`,
  ];
};

/** Answers "why?" at this step: the template's offer on the Request Certificates page, the last rejection, findings. */
export const explain = (lab: Lab, procedure: ProcedureDefinition, step: StepDefinition | undefined): string[] => {
  const world: World = lab.world;
  const lines: string[] = [];
  const template = templateAsTyped(world.ca, nameTemplate.read({ choices: choicesOf(lab, procedure.id) })?.displayName ?? '');
  const computer = (step?.seedChoice({ choices: choicesOf(lab, procedure.id) }) as { computer?: string } | undefined)?.computer;
  if (computer && world.directory.principals[computer]?.kind === 'computer') {
    lines.push(`Request Certificates on ${computer} (Show all templates):`);
    for (const offer of offeredTemplates(world, computer))
      lines.push(`  ${offer.available ? 'available  ' : 'unavailable'} ${offer.displayName}${offer.reason ? ` — ${offer.reason}` : ''}`);
  }
  if (template) lines.push(...templateLines(world, template));
  const last = world.rejections.at(-1);
  if (last) lines.push(`Last rejection (${last.step}): ${last.rejection.code} ${last.rejection.name}: ${last.rejection.reason}`);
  const findings = evaluateFindings(world).filter((f) => f.severity !== 'info');
  lines.push(findings.length ? 'Findings:' : 'No finding above informational.');
  for (const f of findings) lines.push(`  [${f.severity}] ${f.id}: ${f.message} Fix: ${f.fix.procedure}`);
  return lines;
};
