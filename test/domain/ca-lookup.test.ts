import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  decide,
  timed,
  DisplayName,
  findTemplate,
  findTemplateByDisplayName,
  templateAsTyped,
  TemplateName,
  type World,
} from '../../domain/index.ts';
import { accepted, at } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

/** Lookups take the name they mean: a template name (cn) or a display name, never either by accident; a CA by its name. */
const lookup = suite('domain/ca lookups');

/** A display name with a space in it, so that it is never its own template name (AD drops the spaces). */
const displayNames = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}( [A-Za-z0-9]{1,8}){1,3}$/)
  .filter((d) => d.toLowerCase() !== 'web server');
const duplicated = (displayName: string): World =>
  accepted(givenNetwork(), { type: 'DuplicateTemplate', source: 'Web Server', version: 'windows-server-2003-enterprise', displayName });

lookup('findTemplate finds a template by its template name only, findTemplateByDisplayName by its display name only (property)', () => {
  fc.assert(
    fc.property(displayNames, (displayName) => {
      const world = duplicated(displayName);
      const made = findTemplateByDisplayName(world.ca, DisplayName(displayName))!;
      assert.ok(made, `the duplicate "${displayName}" is listed by its display name`);
      assert.is(findTemplate(world.ca, made.name), made);
      assert.is(findTemplate(world.ca, TemplateName(displayName)), undefined, 'a display name is no template name');
      assert.is(findTemplateByDisplayName(world.ca, DisplayName(made.name)), undefined, 'a template name is no display name');
      assert.is(
        findTemplateByDisplayName(world.ca, DisplayName(displayName.toUpperCase())),
        made,
        'the console finds display names in any case',
      );
    }),
    { numRuns: 60 },
  );
});

lookup('every template of the test network is found by its own name and by its own display name, not by the other', () => {
  const { ca } = givenNetwork();
  for (const template of Object.values(ca.templates)) {
    assert.is(findTemplate(ca, template.name), template);
    assert.is(findTemplateByDisplayName(ca, template.displayName), template);
    if (template.displayName.includes(' '))
      assert.is(findTemplate(ca, TemplateName(template.displayName)), undefined, template.displayName);
  }
  assert.is(findTemplate(ca, TemplateName('constructor')), undefined, 'a name every object has is no template');
});

lookup('what an administrator types may be either: templateAsTyped tries the template name, then the display name', () => {
  const { ca } = givenNetwork();
  assert.is(templateAsTyped(ca, 'WebServer')?.displayName, 'Web Server');
  assert.is(templateAsTyped(ca, 'web server')?.name, 'WebServer');
  assert.is(templateAsTyped(ca, 'Webserver'), undefined, 'a template name is matched exactly');
});

lookup("IssueTemplate naming a CA the lab does not have is refused with NOT_FOUND, not issued on the lab's first CA", () => {
  const world = duplicated('ConfigMgr Web Server Certificate');
  const decision = decide(timed({ type: 'IssueTemplate', ca: 'contoso-CA2-CA', template: 'ConfigMgr Web Server Certificate' }, at), world);
  assert.is(decision.kind, 'rejected');
  if (decision.kind !== 'rejected') return;
  assert.is(decision.rejection.name, 'NOT_FOUND');
  assert.is(decision.rejection.code, 'not-found');
  assert.is(decision.rejection.reason, 'Expected a CA named "contoso-CA2-CA"; the lab has contoso-CA1-CA.');
  const issued = decide(timed({ type: 'IssueTemplate', ca: 'contoso-CA1-CA', template: 'ConfigMgr Web Server Certificate' }, at), world);
  assert.is(issued.kind, 'accepted', 'the CA the lab has issues it');
});

lookup.run();
