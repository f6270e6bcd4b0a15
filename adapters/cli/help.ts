export const mainHelp = `pkilab — rehearse the PKI certificate deployment ConfigMgr needs, on a simulated AD CS enterprise CA

Usage:
  pkilab run <scenario.yaml...> [--out DIR] [--json]   run scenarios; write the lab log, keys and certificates
  pkilab run --all [--out DIR] [--json]                run the whole seed deployment in one lab
  pkilab findings <lab.jsonl> [--at N] [--json]       the misconfigurations of a lab log, at any position
  pkilab step [PROCEDURE] [--lab LOG]                  walk a procedure step by step (full screen, or plain text)
  pkilab travel <lab.jsonl> [COMMAND]                  time-travel: show, log, diff, bisect, why, what-if, fork, export
  pkilab procedures                                    list the seed's procedures and their steps
  pkilab report <lab> --html OUT                       one offline HTML page: timeline, findings, changes, world
  pkilab serve <lab> [--check]                         serve the lab's https bindings and CertEnroll files to real clients
  pkilab studio [lab | bundle | folder] [--open]       the studio: time travel, what-if and stepping in the browser
  pkilab keys [fill N]                                 show the key pool, or add N fresh keys to it
  pkilab labs [PREFIX] --store URL                     the labs of a PostgreSQL store
  pkilab lab copy <FROM> <TO> [--store URL]            copy a lab between JSONL (path/lab.jsonl) and a store (a name)
  pkilab class create|status <NAME> --store URL        a lab per student from a scenario; where each student stands
  --store postgres://… (or PKILAB_STORE) on run, step, travel, findings: labs named class1/student-01 in PostgreSQL
  pkilab --help | pkilab <command> --help | pkilab help <command> | pkilab --version

Examples:
  pkilab run --all
  pkilab run scenarios/iis-web-server-certificate.yaml
  pkilab run scenarios/mac-*.yaml
  pkilab findings .pkilab/seed-deployment/lab.jsonl --at 40
  pkilab step iis-web-server-certificate
  pkilab travel .pkilab/iis-no-restart/lab.jsonl bisect OP-PENDING-RESTART
  pkilab procedures

Exit codes: 0 expectations hold, 1 an expectation failed, 2 bad input.
`;

export const runHelp = `Usage: pkilab run <scenario.yaml...> [--out DIR] [--json]
       pkilab run --all [--out DIR] [--json]

Runs each scenario in a fresh lab: builds the contoso.com test network with its enterprise root CA,
walks the scenario's procedures step by step, and checks its expectations.

Options:
  --all       run every procedure of the seed, in the seed's order, in one lab (scenario "seed-deployment")
  --store URL record the lab in a PostgreSQL store (or PKILAB_STORE; keys sealed with PKILAB_KEY_PASSPHRASE)
              instead of DIR/lab.jsonl; artifacts and exports still go to DIR (default .pkilab/store/<lab>)
  --lab NAME  the lab's name in the store (default: the scenario's name); taken names need --force
  --out DIR   where to write the lab (default ./.pkilab/<scenario>; with several scenarios,
              DIR/<scenario> for each). The folder gets lab.jsonl (the event log), keys/ (private keys,
              PKCS#8, mode 0600) and artifacts/ (ca.pem, every issued certificate as PEM, and CertEnroll/ with
              the CA's latest base and delta CRLs and its certificate under AD CS's names).
  --json      print one JSON report (an array of reports for several scenarios) instead of progress;
              it lists certificates (with PEM and key paths), PFX exports, bindings, rejections, expectations.
              PFX files are written to DIR/exports/ under the passwords the scenario names.

Examples:
  pkilab run --all
  pkilab run scenarios/iis-web-server-certificate.yaml
  pkilab run scenarios/iis-no-restart.yaml --out /tmp/lab --force --json

Exit codes: 0 every expectation holds, 1 one does not, 2 a scenario is invalid or missing.
`;

export const proceduresHelp = `Usage: pkilab procedures [--json]
       pkilab procedures --actions [--json]
       pkilab procedures --events [--json]
       pkilab procedures --mermaid [PROCEDURE] [--lab LOG]

Lists the procedures of the seed document that pkilab simulates, with their steps in order.
With --json, each step also carries \`choice\`: the JSON Schema of the fields its dialog offers,
the same schema that checks a scenario's step overrides (scenarios/scenario.schema.json).
With --actions, lists the administrative actions instead (restart, gpupdate, certutil -pulse, approve or
deny a request, template edits, renewals, advance time…) that a scenario's actions: list and the stepper take.
With --events, shows each procedure's machine as its phases (parent states) and their steps, the domain events
its steps can produce (checked against every path of the machine by test/workflows/exploration.test.ts), and its test.
With --mermaid, draws each procedure's state machine from its definition as a Mermaid stateDiagram-v2 (one
PROCEDURE: the bare diagram; none: a Markdown page with one diagram per procedure); --lab LOG (a lab.jsonl or an
exported .json) marks its steps done, current, left out or rejected where that lab stands.
Examples:
  pkilab procedures
  pkilab procedures --json
  pkilab procedures --actions
  pkilab procedures --events
  pkilab procedures --mermaid iis-web-server-certificate --lab .pkilab/iis-no-restart/lab.jsonl
`;

export const findingsHelp = `Usage: pkilab findings <lab.jsonl> [--at N] [--fail-on SEVERITY] [--json | --format text|json|csv]
       pkilab findings <NAME> --store postgres://… [--at N] [--json]   a lab in a store (or PKILAB_STORE)

Evaluates every rule over the world a lab log describes at position N (default: the end): ConfigMgr
compatibility (research §1.1), AD CS security (the ESC conditions of Certipy and Locksmith), and
operational checks (pending restarts, autoenrollment prerequisites, approvals, expiry). Each finding
has a stable id, a severity, the entity it concerns, the positions of the events behind it, and a fix.

Options:
  --at N                the world after event N (events count from 1; 0 is before the first), as in travel
  --fail-on SEVERITY    exit 1 when a finding is at SEVERITY or above (info, low, medium, high, critical):
                        a gate for CI
  --json                the findings as JSON (the shapes the README describes); the same as --format json
  --format csv          the findings as CSV (RFC 4180: a header line, CRLF line ends): id, rule, family,
                        severity, subject, message, fix, command, caused_by (event positions, space-separated)

Examples:
  pkilab findings .pkilab/iis-no-restart/lab.jsonl
  pkilab findings .pkilab/seed-deployment/lab.jsonl --at 40 --json
  pkilab findings .pkilab/iis-no-restart/lab.jsonl --fail-on high
  pkilab findings .pkilab/iis-no-restart/lab.jsonl --format csv

Exit codes: 0 evaluated (no finding at --fail-on or above), 1 a finding at --fail-on or above, 2 bad input.
`;

export const reportHelp = `Usage: pkilab report <lab.jsonl | export.json> --html OUT [--force]
       pkilab report <NAME> --store postgres://… --html OUT [--force]   a lab in a store (or PKILAB_STORE)

Writes one self-contained HTML file for a lab (a log, or a bundle from travel export): the findings at the
end with their fixes and the events behind them, the timeline by procedure (✓ done, – left out, ✗ rejected
with its AD CS code) with each procedure's chart and what it changed, the world at the end, and every event.
The page loads nothing (inline style, no script, no font), so it opens offline and can be attached to a
ticket or handed in. Text from the log is escaped. The lab is only read.

Options:
  --html OUT    the file to write; an existing file is refused unless --force
  --force       replace OUT (atomically: a temporary file renamed over it)

Examples:
  pkilab report .pkilab/iis-no-restart/lab.jsonl --html /tmp/pkilab-iis-no-restart.html --force

Exit codes: 0 written, 2 bad input (or OUT exists without --force).
`;
