import { whyNotOfferedTo, type World } from '../../domain/index.ts';

interface Offer {
  readonly displayName: string;
  readonly available: boolean;
  readonly reason?: string;
}

/**
 * The Request Certificates page of a computer: every computer template, available when a CA issues it and
 * the computer's token may Read and Enroll it, otherwise listed (with Show all templates) with the reason.
 */
export const offeredTemplates = (world: World, computer: string): Offer[] =>
  Object.values(world.ca.templates)
    .filter((t) => t.forComputers)
    .map((t) => {
      const denied = whyNotOfferedTo(world, t, computer);
      return denied
        ? { displayName: t.displayName, available: false, reason: `${denied.code} ${denied.reason}` }
        : { displayName: t.displayName, available: true };
    })
    .sort((a, b) => Number(b.available) - Number(a.available) || a.displayName.localeCompare(b.displayName));
