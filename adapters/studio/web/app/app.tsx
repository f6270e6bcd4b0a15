import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LabInfo, LabsAnswer, ProceduresAnswer, WhatIfEdit } from '../../api.ts';
import { apiUrl, useJson } from '../client.ts';
import { Header } from '../components/header.tsx';
import { useBundleDrop } from '../components/open-bundle.tsx';
import { Panels } from '../components/panels.tsx';
import { Problem } from '../components/problem.tsx';
import { Timeline } from '../components/timeline.tsx';
import { WhyDrawer } from '../components/why.tsx';
import { type Panel, type Studio, StudioContext } from '../studio-context.ts';
import { useCursor } from '../use-cursor.ts';

/** The studio: the lab list, then the timeline on the left and the panels at the cursor on the right. */
export const App = () => {
  const [labsRevision, setLabsRevision] = useState(0);
  const labs = useJson<LabsAnswer>(apiUrl('labs'), labsRevision);
  const procedures = useJson<ProceduresAnswer>(apiUrl('procedures'));
  const [opened, setOpened] = useState<LabInfo[]>([]);
  const [labId, setLabId] = useState<string>();
  const all = useMemo(() => mergeLabs(labs.data?.labs ?? [], opened), [labs.data, opened]);
  const lab = all.find((l) => l.id === labId) ?? all[0];
  const cursor = useCursor(lab);
  const [panel, setPanel] = useState<Panel>('world');
  const [why, setWhy] = useState<string>();
  const [edits, setEdits] = useState<WhatIfEdit[]>([]);
  useEffect(() => {
    setWhy(undefined);
    setEdits([]);
  }, [lab?.id]);

  const openLab = useCallback((next: LabInfo) => {
    setOpened((ls) => [...ls.filter((l) => l.id !== next.id), next]);
    setLabId(next.id);
    setLabsRevision((r) => r + 1);
  }, []);
  const dropping = useBundleDrop(openLab);
  const addWhatIf = (edit: WhatIfEdit) => {
    setEdits([edit]); // the server re-decides one edit at a time (api.ts)
    setPanel('what-if');
  };
  const studio: Studio | null = lab
    ? { ...cursor, lab, procedures: procedures.data?.procedures ?? [], openLab, showWhy: setWhy, show: setPanel, addWhatIf }
    : null;

  return (
    <div className={`studio${dropping ? ' dropping' : ''}`}>
      <Problem error={labs.error ?? procedures.error} />
      {!studio && !labs.error && <p className="banner">{labs.loading ? 'Loading the labs…' : 'No lab yet: open a bundle.'}</p>}
      <Header labs={all} studio={studio} choose={setLabId} openLab={openLab} />
      {studio && (
        <StudioContext.Provider value={studio}>
          <main className="layout">
            <Timeline />
            <Panels panel={panel} edits={edits} setEdits={setEdits} />
          </main>
          {why && <WhyDrawer entity={why} close={() => setWhy(undefined)} />}
        </StudioContext.Provider>
      )}
    </div>
  );
};

/** The server's list, with labs opened in this page that a fresh list does not show yet. */
const mergeLabs = (listed: LabInfo[], opened: LabInfo[]): LabInfo[] => [
  ...listed,
  ...opened.filter((o) => !listed.some((l) => l.id === o.id)),
];
