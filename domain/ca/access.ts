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

/** Who grants and who denies a right to a token: the Security tab lines behind an access check's answer. */
const rightSources = (acl: readonly Ace[], identities: readonly string[], right: TemplateRight) => {
  const mine = acl.filter((ace) => identities.includes(ace.principal));
  return {
    allowedBy: mine.filter((ace) => expand(ace.allow).has(right)).map((ace) => ace.principal),
    deniedBy: mine.filter((ace) => expand(ace.deny).has(right)).map((ace) => ace.principal),
  };
};

/**
 * Why a token lacks the rights, in the Security tab's words: a Deny entry that wins over an Allow is named as
 * such; otherwise no entry grants them. Undefined when it holds them all.
 */
export const whyRightsMissing = (
  acl: readonly Ace[],
  identities: readonly string[],
  subject: string,
  rights: readonly TemplateRight[],
): string | undefined => {
  const missing = rights.filter((right) => !hasRight(acl, identities, right));
  if (missing.length === 0) return undefined;
  const causes = missing.map((right) => {
    const { allowedBy, deniedBy } = rightSources(acl, identities, right);
    const deny = `the Deny ${right} entry for ${deniedBy.join(' and ')}`;
    if (deniedBy.length > 0 && allowedBy.length > 0) return `${deny} wins over the Allow ${right} for ${allowedBy.join(' and ')}`;
    if (deniedBy.length > 0) return `${deny} refuses ${right}`;
    return `no entry grants ${subject} or its groups ${right}`;
  });
  return `${causes.join('; ')}.`;
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
  const order = (rights: TemplateRight[]) =>
    ['FullControl', 'Read', 'Write', 'Enroll', 'Autoenroll'].filter((r) => rights.includes(r as TemplateRight)) as TemplateRight[];
  return { principal, allow: order(allow), deny: order(deny) };
};
