import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decide, timed, DisplayName, findTemplateByDisplayName, nameFlags, oid } from '../../domain/index.ts';
import { accepted, at } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const templates = suite('domain/ca templates');
const duplicate = (version: 'windows-server-2003-enterprise' | 'windows-server-2008-enterprise') =>
  accepted(givenNetwork(), { type: 'DuplicateTemplate', source: 'Web Server', version, displayName: 'ConfigMgr Web Server Certificate' });

templates('the built-in templates carry their real defaults', () => {
  const world = givenNetwork();
  const web = findTemplateByDisplayName(world.ca, DisplayName('Web Server'))!;
  assert.is(web.schemaVersion, 1);
  assert.is(nameFlags(web.subjectName), 1);
  assert.equal(web.acl.find((a) => a.principal === 'Domain Admins')?.allow, ['Read', 'Write', 'Enroll']);
  const workstation = findTemplateByDisplayName(world.ca, DisplayName('Workstation Authentication'))!;
  assert.is(nameFlags(workstation.subjectName), 0x08000000);
  assert.is(nameFlags(findTemplateByDisplayName(world.ca, DisplayName('Authenticated Session'))!.subjectName), 0x82000000);
});

templates('duplicating as Windows 2003 Server, Enterprise Edition makes a version 2 template with the EKU as application policy', () => {
  const template = findTemplateByDisplayName(
    duplicate('windows-server-2003-enterprise').ca,
    DisplayName('ConfigMgr Web Server Certificate'),
  )!;
  assert.is(template.name, 'ConfigMgrWebServerCertificate');
  assert.is(template.schemaVersion, 2);
  assert.is(template.keyProvider, 'csp');
  assert.equal(template.applicationPolicies, [oid.serverAuth]);
  assert.match(template.oid, /^1\.3\.6\.1\.4\.1\.311\.21\.8\./);
  assert.is.not(template.oid, findTemplateByDisplayName(givenNetwork().ca, DisplayName('Web Server'))!.oid);
});

templates('duplicating as Windows 2008 Server, Enterprise Edition makes a version 3 template with a CNG key provider', () => {
  const template = findTemplateByDisplayName(
    duplicate('windows-server-2008-enterprise').ca,
    DisplayName('ConfigMgr Web Server Certificate'),
  )!;
  assert.is(template.schemaVersion, 3);
  assert.is(template.keyProvider, 'ksp');
});

templates('refuses a second template with the same display name', () => {
  const decision = decide(
    timed(
      {
        type: 'DuplicateTemplate',
        source: 'Web Server',
        version: 'windows-server-2003-enterprise',
        displayName: 'ConfigMgr Web Server Certificate',
      },
      at,
    ),
    duplicate('windows-server-2003-enterprise'),
  );
  assert.is(decision.kind === 'rejected' && decision.rejection.name, 'ALREADY_EXISTS');
});

templates('refuses to change the subject name of a version 1 template', () => {
  const decision = decide(
    timed(
      { type: 'ChangeSubjectName', template: 'Web Server', subjectName: { source: 'build-from-ad', format: 'common-name', altNames: [] } },
      at,
    ),
    givenNetwork(),
  );
  assert.is(decision.kind === 'rejected' && decision.rejection.name, 'NOT_EDITABLE');
});

templates('removing Enroll keeps the other rights and records the line before and after', () => {
  const decision = decide(
    timed(
      { type: 'ChangeTemplatePermissions', template: 'ConfigMgr Web Server Certificate', principal: 'Domain Admins', remove: ['Enroll'] },
      at,
    ),
    duplicate('windows-server-2003-enterprise'),
  );
  assert.is(decision.kind, 'accepted');
  const event = decision.kind === 'accepted' ? decision.events[0]! : undefined;
  assert.ok(event?.type === 'TemplatePermissionsChanged');
  if (event?.type !== 'TemplatePermissionsChanged') return;
  assert.equal(event.data.before?.allow, ['Read', 'Write', 'Enroll']);
  assert.equal(event.data.after.allow, ['Read', 'Write']);
  assert.is(event.data.minorRevision, 3);
});

templates('each saved change raises the minor revision of a version 2 template', () => {
  const world = accepted(duplicate('windows-server-2003-enterprise'), {
    type: 'ChangeRequestHandling',
    template: 'ConfigMgr Web Server Certificate',
    exportableKey: true,
  });
  const template = findTemplateByDisplayName(world.ca, DisplayName('ConfigMgr Web Server Certificate'))!;
  assert.is(template.minorRevision, 3);
  assert.ok(template.exportableKey);
});

templates('refuses permissions for a principal the directory does not know', () => {
  const decision = decide(
    timed({ type: 'ChangeTemplatePermissions', template: 'Web Server', principal: 'Ghosts', allow: ['Enroll'] }, at),
    givenNetwork(),
  );
  assert.is(decision.kind === 'rejected' && decision.rejection.name, 'NOT_FOUND');
});

templates('a template the lab does not have is refused with the names the Certificate Templates console lists', () => {
  const world = givenNetwork();
  const duplicated = decide(
    timed({ type: 'DuplicateTemplate', source: 'Computer', version: 'windows-server-2003-enterprise', displayName: 'X' }, at),
    world,
  );
  const removed = decide(timed({ type: 'RemoveTemplateFromCa', template: 'Computer' }, at), world);
  for (const decision of [duplicated, removed]) {
    assert.is(decision.kind === 'rejected' && decision.rejection.name, 'NOT_FOUND');
    const text = decision.kind === 'rejected' ? decision.rejection.reason : '';
    assert.match(text, /^Expected a certificate template named "Computer"; the Certificate Templates console lists /);
    assert.match(text, /Authenticated Session, Web Server, Workstation Authentication\.$/);
  }
});

templates('a Standard Edition CA cannot issue a version 2 template', () => {
  const world = accepted(givenNetwork('standard'), {
    type: 'DuplicateTemplate',
    source: 'Web Server',
    version: 'windows-server-2003-enterprise',
    displayName: 'ConfigMgr Web Server Certificate',
  });
  const decision = decide(timed({ type: 'IssueTemplate', ca: 'contoso-CA1-CA', template: 'ConfigMgr Web Server Certificate' }, at), world);
  assert.is(decision.kind === 'rejected' && decision.rejection.code, '0x80094800');
});

templates("issuing adds the template to the CA's Certificate Templates to Issue once", () => {
  const world = accepted(duplicate('windows-server-2003-enterprise'), {
    type: 'IssueTemplate',
    ca: 'contoso-CA1-CA',
    template: 'ConfigMgr Web Server Certificate',
  });
  assert.ok(world.ca.authorities['contoso-CA1-CA']!.templatesToIssue.includes('ConfigMgrWebServerCertificate'));
  const again = decide(timed({ type: 'IssueTemplate', ca: 'contoso-CA1-CA', template: 'ConfigMgr Web Server Certificate' }, at), world);
  assert.is(again.kind, 'rejected');
});

templates.run();
