// The lint ratchet: offenders that were in the tree when the limits were switched on, counted per file and rule
// (scripts/lint/baseline.json). A file may not gain an offence its entry does not hold, and an entry that is more
// than the file now has must be lowered (`npm run lint -- --update-baseline` writes the counts as they are), so the
// list can only shrink. New files start at zero: every limit holds for them in full. Dead exports (an export no other
// file imports, scripts/lint/dead-exports.ts) are held the same way, per file, under the rule pkilab(dead-export).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const baselineFile = new URL('./baseline.json', import.meta.url);

/** Counts `file:line:col: message [Error/rule]` lines (oxlint's unix format) by file and rule; warnings do not count. */
export const countErrors = (unixOutput) => {
  const counts = {};
  for (const line of unixOutput.split('\n')) {
    const m = /^(.+?):\d+:\d+: .* \[Error\/(.+)\]$/.exec(line);
    if (!m) continue;
    const [, file, rule] = m;
    counts[file] ??= {};
    counts[file][rule] = (counts[file][rule] ?? 0) + 1;
  }
  return counts;
};

/** The rule a dead export counts under: an export no other file imports (scripts/lint/dead-exports.ts). */
export const deadExportRule = 'pkilab(dead-export)';

/** Counts the dead-export finder's lines (`file: name (used only in its own file|used nowhere)`) by file. */
export const countDeadExports = (finderOutput) => {
  const counts = {};
  for (const line of finderOutput.split('\n')) {
    const m = /^(.+?): [\w$]+ \(used (?:only in its own file|nowhere)\)$/.exec(line);
    if (!m) continue;
    counts[m[1]] ??= {};
    counts[m[1]][deadExportRule] = (counts[m[1]][deadExportRule] ?? 0) + 1;
  }
  return counts;
};

/** Two count records (file → rule → n) as one. */
export const mergeCounts = (a, b) => {
  const merged = {};
  for (const counts of [a, b]) for (const [file, rules] of Object.entries(counts)) merged[file] = { ...merged[file], ...rules };
  return merged;
};

export const readBaseline = () => {
  try {
    return JSON.parse(readFileSync(baselineFile, 'utf8')).offenders;
  } catch (error) {
    if (error.code === 'ENOENT') return {};
    throw error;
  }
};

export const writeBaseline = (counts) => {
  const sorted = Object.fromEntries(
    Object.keys(counts)
      .sort()
      .map((f) => [f, counts[f]]),
  );
  const text = `${JSON.stringify({ note: 'Lint offenders allowed per file and rule; only ever lowered (see scripts/lint/baseline.mjs).', offenders: sorted }, null, 2)}\n`;
  const temp = new URL(`./baseline.json.${process.pid}.tmp`, import.meta.url);
  writeFileSync(temp, text);
  renameSync(temp, baselineFile);
};

/** What the counts break: offences over the baseline (new), and baseline entries above what is left (stale). */
export const compare = (counts, baseline) => {
  const problems = [];
  for (const [file, rules] of Object.entries(counts)) {
    for (const [rule, n] of Object.entries(rules)) {
      const allowed = baseline[file]?.[rule] ?? 0;
      if (n > allowed) problems.push(`${file}: ${rule} ${n} offence(s), the baseline allows ${allowed} — fix the new one`);
    }
  }
  for (const [file, rules] of Object.entries(baseline)) {
    for (const [rule, allowed] of Object.entries(rules)) {
      const n = counts[file]?.[rule] ?? 0;
      if (n < allowed)
        problems.push(`${file}: ${rule} down to ${n} from ${allowed} — lower the baseline (npm run lint -- --update-baseline)`);
    }
  }
  return problems;
};
