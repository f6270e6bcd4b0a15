import type { Ace, TemplateRight } from './template.ts';

const implied: Readonly<Record<TemplateRight, readonly TemplateRight[]>> = {
  FullControl: ['FullControl', 'Read', 'Write', 'Enroll', 'Autoenroll'],
  Read: ['Read'],
  Write: ['Write'],
  Enroll: ['Enroll'],
  Autoenroll: ['Autoenroll'],
};

const expand = (rights: readonly TemplateRight[]): Set<TemplateRight> => new Set(rights.flatMap((r) => implied[r]));

/**
 * Whether a token holding `identities` has `right` on a template: an allow for any identity and a deny
 * for none (a deny ACE wins, as in Windows access checks).
 */
export const hasRight = (acl: readonly Ace[], identities: readonly string[], right: TemplateRight): boolean => {
  const mine = acl.filter((ace) => identities.includes(ace.principal));
  if (mine.some((ace) => expand(ace.deny).has(right))) return false;
  return mine.some((ace) => expand(ace.allow).has(right));
};

/** The ACE that results from an edit on the Security tab: rights added, removed and denied. */
export const editAce = (
  current: Ace | undefined,
  principal: string,
  edit: { allow?: readonly TemplateRight[]; remove?: readonly TemplateRight[]; deny?: readonly TemplateRight[] },
): Ace => {
  const removed = new Set(edit.remove ?? []);
  const allow = [...new Set([...(current?.allow ?? []), ...(edit.allow ?? [])])].filter((r) => !removed.has(r));
  const deny = [...new Set([...(current?.deny ?? []), ...(edit.deny ?? [])])].filter((r) => !(edit.allow ?? []).includes(r));
  const order = (rights: TemplateRight[]) => ['FullControl', 'Read', 'Write', 'Enroll', 'Autoenroll'].filter((r) => rights.includes(r as TemplateRight)) as TemplateRight[];
  return { principal, allow: order(allow), deny: order(deny) };
};
