/** Markup that is already safe: built by `html` from escaped parts, never from a raw string of the log. */
export interface Markup {
  readonly markup: string;
}

/** A string as HTML text or attribute value: &, <, >, " and ' become entities, so it can never open a tag. */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Part = Markup | string | number | boolean | null | undefined | readonly Part[];

const render = (part: Part): string => {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (typeof part === 'object') return (part as Markup).markup;
  return escapeHtml(String(part));
};

/**
 * A tagged template for HTML: every interpolated value is escaped unless it is Markup made by `html` itself
 * (arrays are joined, null, undefined and booleans vanish). The only way to put text from a log in the page.
 */
export const html = (strings: TemplateStringsArray, ...parts: Part[]): Markup => ({
  markup: strings.reduce((out, s, i) => out + s + (i < parts.length ? render(parts[i]!) : ''), ''),
});
