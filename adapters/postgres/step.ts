import { join, resolve } from 'node:path';
import { createLab, openLab, runScenario, type Lab } from '../../workflows/index.ts';
import { drawCaIdentity } from '../ca-identity.ts';
import { defaultLabStart } from '../clock.ts';
import type { LabFolder, LabWriter } from '../lab-files.ts';
import { loadScenario } from '../scenario/load.ts';
import { StoreError } from './database.ts';
import { checkLabName } from './names.ts';
import { claimNewLab, localFolderOf, openPostgresStore } from './store.ts';

/**
 * The stepper's lab when it lives in a store (`pkilab step --store URL --lab class1/student-01`): continued
 * if it exists (a class's labs do), else created (from a scenario's end state, or the test network). The log,
 * keys and secrets are in the store; what the stepper writes for the person (a saved scenario, forks, PFX
 * files) goes to the local folder .pkilab/store/<lab>. Shaped like a lab folder's writer, so the stepper
 * works the same on both.
 */
export const openStoreStepLab = async (
  url: string,
  name: string | undefined,
  options: { scenario?: string | undefined; fresh?: boolean | undefined; warn: (m: string) => void },
): Promise<{ writer: LabWriter; lab: Lab; message: string }> => {
  if (!name)
    throw new StoreError(
      'STORE_LAB_NAME',
      'step --store: expected --lab NAME, the lab in the store to step through (such as class1/student-01)',
    );
  const store = await openPostgresStore(url);
  try {
    const root = resolve(localFolderOf(checkLabName(name)));
    const where = store.events.where(name);
    const folder: LabFolder = {
      root,
      log: where,
      labId: name,
      keys: join(root, 'keys'),
      secrets: join(root, 'keys', 'secrets.json'),
      artifacts: join(root, 'artifacts'),
      exports: join(root, 'exports'),
      marker: join(root, '.pkilab-lab'),
    };
    const writer: LabWriter = { folder, ports: store.ports(name, root), release: () => store.close() };
    const existing = await store.events.version(name);
    if (existing > 0 && !options.fresh) {
      if (options.scenario)
        throw new StoreError(
          'STORE_LAB_EXISTS',
          `${where} already holds a lab; continue it without --scenario, or add --new to replace it with the scenario's`,
        );
      const lab = await openLab(writer.ports, name);
      return { writer, lab, message: `continuing ${where} (${lab.events.length} events)` };
    }
    await claimNewLab(store, name, Boolean(options.fresh));
    if (options.scenario) {
      const scenario = await loadScenario(options.scenario);
      const start = await createLab(writer.ports, name, {
        startsAt: scenario.lab.startsAt ?? defaultLabStart(),
        ca: scenario.lab.ca,
        identity: drawCaIdentity(),
      });
      const run = await runScenario(writer.ports, start, scenario);
      return { writer, lab: run.lab, message: `started ${where} from ${options.scenario} (${run.lab.events.length} events)` };
    }
    const lab = await createLab(writer.ports, name, {
      startsAt: defaultLabStart(),
      ca: { edition: 'enterprise', os: 'windows-server-2008' },
      identity: drawCaIdentity(),
    });
    return { writer, lab, message: `new lab: the contoso.com test network in ${where}` };
  } catch (error) {
    await store.close();
    throw error;
  }
};
