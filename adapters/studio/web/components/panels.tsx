import type { WhatIfEdit } from '../../api.ts';
import { type Panel, useStudio } from '../studio-context.ts';
import { Chart } from './chart.tsx';
import { Diff } from './diff.tsx';
import { Findings } from './findings.tsx';
import { Stepper } from './stepper.tsx';
import { WhatIf } from './what-if.tsx';
import { World } from './world.tsx';

const titles: Record<Panel, string> = {
  world: 'World',
  diff: 'Diff',
  findings: 'Findings',
  'what-if': 'What if',
  chart: 'Procedure chart',
  step: 'Step',
};

interface Props {
  panel: Panel;
  edits: WhatIfEdit[];
  setEdits: (edits: WhatIfEdit[]) => void;
}

/** The panels about the cursor, one shown at a time under a row of tabs. */
export const Panels = ({ panel, edits, setEdits }: Props) => {
  const studio = useStudio();
  return (
    <section className="panels">
      <nav role="tablist" aria-label="Panels" className="tabs">
        {(Object.keys(titles) as Panel[]).map((p) => (
          <button key={p} type="button" role="tab" aria-selected={p === panel} onClick={() => studio.show(p)}>
            {titles[p]}
            {p === 'what-if' && edits.length > 0 ? ` (${edits.length})` : ''}
          </button>
        ))}
      </nav>
      <div role="tabpanel" aria-label={titles[panel]} className="panel">
        {panel === 'world' && <World />}
        {panel === 'diff' && <Diff />}
        {panel === 'findings' && <Findings />}
        {panel === 'what-if' && <WhatIf edits={edits} setEdits={setEdits} />}
        {panel === 'chart' && <Chart />}
        {panel === 'step' && <Stepper />}
      </div>
    </section>
  );
};
