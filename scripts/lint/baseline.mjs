// The lint ratchet: offenders that were in the tree when the limits were switched on, counted per file and rule
// (scripts/lint/baseline.json). A file may not gain an offence its entry does not hold, and an entry that is more
// than the file now has must be lowered (`npm run lint -- --update-baseline` writes the counts as they are), so the
// list can only shrink. New files start at zero: every limit holds for them in full.
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
