/**
 * A line-by-line check of Mermaid stateDiagram-v2 text against the grammar of Mermaid's state diagram
 * parser (stateDiagram.jison): ids are runs of letters, digits and underscores that do not start with the
 * keyword `default`; a state description sits in double quotes, not empty, with none inside; no text holds
 * `%%`, `direction TB` or a `<<fork>>` marker (the lexer reads them wherever they are); a transition's
 * description follows ` : ` with no colon, semicolon or `#`; composite states open with `state ID {` and
 * close with `}`; a transition joins states declared in the block it is written in; a class is defined by
 * classDef before `class` applies it. Returns the problems found, each with its line number.
 */
export interface MermaidShape {
  readonly states: Map<string, { label: string; block: string }>;
  readonly transitions: Array<{ from: string; to: string; label: string; block: string }>;
  readonly classes: Map<string, string[]>;
  readonly problems: string[];
}

const id = '[A-Za-z0-9_]+';
const patterns = {
  direction: /^direction (TB|BT|LR|RL)$/,
  declare: new RegExp(`^state "([^"]+)" as (${id})$`),
  open: new RegExp(`^state (${id}) \\{$`),
  close: /^\}$/,
  transition: new RegExp(`^(\\[\\*\\]|${id}) --> (\\[\\*\\]|${id})(?: : ([^:;#\\n]+))?$`),
  classDef: /^classDef (\w+) (\S[^\n]*)$/,
  applyClass: /^class (\w+(?:,\w+)*) (\w+)$/,
};

export const checkMermaid = (text: string): MermaidShape => {
  const lines = text.replace(/\n$/, '').split('\n');
  const shape: MermaidShape = { states: new Map(), transitions: [], classes: new Map(), problems: [] };
  const { states, classes, problems } = shape;
  const stack: string[] = [''];
  const inBlock = (s: string) => s === '[*]' || states.get(s)?.block === stack.at(-1);
  const statements: Array<[RegExp, (m: RegExpMatchArray, at: string) => void]> = [
    [patterns.direction, () => {}],
    [
      patterns.declare,
      ([, label, id], at) => {
        if (/^default/i.test(id!)) problems.push(`${at}: id ${id} starts with the keyword default`);
        if (states.has(id!)) problems.push(`${at}: state ${id} declared twice`);
        states.set(id!, { label: label!, block: stack.at(-1)! });
      },
    ],
    [
      patterns.open,
      ([, id], at) => {
        if (!inBlock(id!)) problems.push(`${at}: composite ${id} not declared in this block`);
        stack.push(id!);
      },
    ],
    [patterns.close, (_, at) => (stack.length === 1 ? problems.push(`${at}: } closes nothing`) : stack.pop())],
    [
      patterns.transition,
      ([, from, to, label], at) => {
        for (const end of [from!, to!]) if (!inBlock(end)) problems.push(`${at}: ${end} is not a state of this block`);
        shape.transitions.push({ from: from!, to: to!, label: label?.trim() ?? '', block: stack.at(-1)! });
      },
    ],
    [patterns.classDef, ([, name]) => classes.set(name!, [])],
    [
      patterns.applyClass,
      ([, list, name], at) => {
        if (!classes.has(name!)) problems.push(`${at}: class ${name} applied before classDef`);
        for (const s of list!.split(',')) if (!states.has(s)) problems.push(`${at}: class applied to unknown state ${s}`);
        classes.get(name!)?.push(...list!.split(','));
      },
    ],
  ];
  if (lines[0] !== 'stateDiagram-v2') problems.push(`line 1: expected stateDiagram-v2, found ${JSON.stringify(lines[0])}`);
  lines.slice(1).forEach((raw, i) => {
    const at = `line ${i + 2}`;
    const line = raw.trim();
    const syntaxInText = /%%|hide empty description|<<(fork|join|choice)>>|\[\[(fork|join|choice)\]\]/i.test(line);
    if (syntaxInText || (/direction\s+(TB|BT|LR|RL)/i.test(line) && !patterns.direction.test(line))) {
      return void problems.push(`${at}: Mermaid would read text as syntax (a comment, direction or marker): ${line}`);
    }
    const found = statements.find(([pattern]) => pattern.test(line));
    if (found) found[1](line.match(found[0])!, at);
    else problems.push(`${at}: not a stateDiagram-v2 statement: ${JSON.stringify(raw)}`);
  });
  if (stack.length > 1) problems.push(`end: ${stack.length - 1} composite state(s) left open`);
  return shape;
};
