import type { Rule } from './model.ts';
import { caRules } from './security-ca.ts';
import { templateRules } from './security-templates.ts';

/** The AD CS security checks, with the conditions Certipy and Locksmith use (research §6). */
export const securityRules: Rule = (world) => [
  ...Object.values(world.ca.templates).flatMap((t) => templateRules(world, t)),
  ...caRules(world),
];
