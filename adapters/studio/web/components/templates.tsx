import { useState } from 'react';
import type { WorldView } from '../../api.ts';
import { Value } from './value.tsx';
import { Why } from './why.tsx';

type Template = WorldView['templates'][number];
const tabs = [
  ['general', 'General'],
  ['requestHandling', 'Request Handling'],
  ['subjectName', 'Subject Name'],
  ['extensions', 'Extensions'],
  ['security', 'Security'],
  ['issuance', 'Issuance Requirements'],
] as const;

/** Every certificate template, each with the tabs of its properties dialog. */
export const Templates = ({ templates }: { templates: Template[] }) => (
  <details className="area" open>
    <summary>Certificate templates</summary>
    {templates.map((t) => (
      <TemplateCard key={t.entity} template={t} />
    ))}
  </details>
);

const TemplateCard = ({ template }: { template: Template }) => {
  const [tab, setTab] = useState<(typeof tabs)[number][0]>('general');
  return (
    <details className="template">
      <summary>
        <Why entity={template.entity}>{template.displayName}</Why>{' '}
        <span className="quiet">
          ({template.name}, schema version {template.schemaVersion})
        </span>
      </summary>
      <nav className="tabs small" role="tablist" aria-label={`${template.displayName} properties`}>
        {tabs.map(([id, title]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {title}
          </button>
        ))}
      </nav>
      <Value value={template.tabs[tab]} />
    </details>
  );
};
