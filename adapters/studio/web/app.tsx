import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LabInfo, LabsAnswer, LiveAppended, ProceduresAnswer, WhatIfEdit } from '../api.ts';
import { apiUrl, labApi, useJson } from './client.ts';
import { Header } from './components/header.tsx';
import { Panels } from './components/panels.tsx';
import { Timeline } from './components/timeline.tsx';
import { WhyDrawer } from './components/why.tsx';
import { useBundleDrop } from './components/open-bundle.tsx';
import { type Panel, type Studio, StudioContext } from './studio-context.ts';

/** The studio: the lab list, then the timeline on the left and the panels at the cursor on the right. */
export const App = () => {
  const [labsRevision, setLabsRevision] = useState(0);
  const labs = useJson<LabsAnswer>(apiUrl('labs'), labsRevision);
  const procedures = useJson<ProceduresAnswer>(apiUrl('procedures'));
  const [extraLabs, setExtraLabs] = useState<LabInfo[]>([]);
  const [labId, setLabId] = useState<string>();
  const all = useMemo(() => mergeLabs(labs.data?.labs ?? [], extraLabs), [labs.data, extraLabs]);
  const lab = all.find((l) => l.id === labId) ?? all[0];
  const [total, setTotal] = useState(0);
  const totalRef = useRef(0);
  const [position, setPosition] = useState(0);
  const [revision, setRevision] = useState(0);
  const [panel, setPanel] = useState<Panel>('world');
  const [why, setWhy] = useState<string>();
  const [edits, setEdits] = useState<WhatIfEdit[]>([]);

  useEffect(() => {
    if (!lab) return;
    totalRef.current = lab.events;
    setTotal(lab.events);
    setPosition(lab.events);
    setEdits([]);
    setWhy(undefined);
  }, [lab?.id]);

  // A cursor at the end follows the lab as it grows; one further back stays where it is.
  const grew = useCallback((next: number) => {
    const before = totalRef.current;
    totalRef.current = next;
    setPosition((p) => (p === before ? next : Math.min(p, next)));
    setTotal(next);
    setRevision((r) => r + 1);
  }, []);

  useEffect(() => {
    if (!lab) return;
    const live = new EventSource(labApi(lab.id, 'live'));
    live.addEventListener('appended', (message) => grew((JSON.parse((message as MessageEvent<string>).data) as LiveAppended).total));
    return () => live.close();
  }, [lab?.id, grew]);

  const openLab = useCallback((opened: LabInfo) => {
    setExtraLabs((ls) => [...ls.filter((l) => l.id !== opened.id), opened]);
    setLabId(opened.id);
    setLabsRevision((r) => r + 1);
  }, []);
  const dropping = useBundleDrop(openLab);

  const studio: Studio | null = lab
    ? {
        lab, position, total, revision, grew, openLab,
        procedures: procedures.data?.procedures ?? [],
        jump: (n) => setPosition(Math.max(0, Math.min(total, n))),
        showWhy: setWhy,
        show: setPanel,
        addWhatIf: (edit) => {
          setEdits((es) => [...es.filter((e) => e.input !== edit.input), edit]);
          setPanel('what-if');
        },
      }
    : null;

  return (
    <div className={`studio${dropping ? ' dropping' : ''}`}>
      {labs.error && <p className="banner error">{labs.error.code}: {labs.error.message}</p>}
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
const mergeLabs = (listed: LabInfo[], opened: LabInfo[]): LabInfo[] => [...listed, ...opened.filter((o) => !listed.some((l) => l.id === o.id))];
