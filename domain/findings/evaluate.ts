import type { World } from '../lab/world.ts';
import { caSetupRules } from './ca-setup.ts';
import { configMgrRules } from './configmgr.ts';
import { crlRules } from './crl.ts';
import { severityRank, type Finding } from './model.ts';
import { operationalRules } from './operational.ts';
import { renewalRules } from './renewal.ts';
import { securityRules } from './security.ts';

/** Every finding about the world, most severe first. Pure: evaluate it at any position of a log. */
export const evaluateFindings = (world: World): Finding[] =>
  [
    ...configMgrRules(world),
    ...securityRules(world),
    ...operationalRules(world),
    ...caSetupRules(world),
    ...crlRules(world),
    ...renewalRules(world),
  ].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
