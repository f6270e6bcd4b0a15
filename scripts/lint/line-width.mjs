// An oxlint plugin (JavaScript: oxlint loads TypeScript plugins only on Node >= 22.18) with the one limit oxlint
// lacks: line width. The formatter (biome.json, same width) wraps code; this rule catches what it cannot wrap,
// long comments and long code, and leaves lines holding a string, template or regex literal to the formatter
// (a message is not cut in two to fit a width).

const literalLines = () => {
  const lines = new Set();
  const mark = (node) => {
    for (let line = node.loc.start.line; line <= node.loc.end.line; line += 1) lines.add(line);
  };
  return {
    lines,
    visitors: {
      Literal: (node) => (typeof node.value === 'string' || node.regex ? mark(node) : undefined),
      TemplateLiteral: mark,
    },
  };
};

const maxLen = {
  meta: {
    type: 'layout',
    docs: { description: 'Lines at most `code` characters long, except lines holding a string, template or regex literal.' },
    schema: [{ type: 'object', properties: { code: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
  },
  create(context) {
    const max = context.options[0]?.code ?? 140;
    const literals = literalLines();
    return {
      ...literals.visitors,
      'Program:exit'() {
        context.sourceCode.lines.forEach((text, index) => {
          const line = index + 1;
          if (text.length <= max || literals.lines.has(line)) return;
          context.report({
            loc: { start: { line, column: max }, end: { line, column: text.length } },
            message: `Line ${line} is ${text.length} characters long; at most ${max} are allowed.`,
          });
        });
      },
    };
  },
};

export default { meta: { name: 'pkilab' }, rules: { 'max-len': maxLen } };
