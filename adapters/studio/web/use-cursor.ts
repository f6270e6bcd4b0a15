import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabInfo, LiveAppended } from '../api.ts';
import { labApi } from './client.ts';

interface Cursor {
  position: number;
  total: number;
  revision: number;
  jump: (position: number) => void;
  grew: (total: number) => void;
}

/**
 * The cursor over a lab: starts at its last event, follows the lab as it grows while it is at the end (live, from the
 * server's `appended` messages), and stays where it is when it was moved back.
 */
export const useCursor = (lab: LabInfo | undefined): Cursor => {
  const [total, setTotal] = useState(0);
  const [position, setPosition] = useState(0);
  const [revision, setRevision] = useState(0);
  const totalRef = useRef(0);
  useEffect(() => {
    if (!lab) return;
    totalRef.current = lab.events;
    setTotal(lab.events);
    setPosition(lab.events);
  }, [lab?.id]);
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
  useAddressPosition(lab, position, setPosition, totalRef);
  const jump = useCallback((n: number) => setPosition(Math.max(0, Math.min(totalRef.current, Math.round(n)))), []);
  return { position, total, revision, jump, grew };
};

/**
 * `#at=N` in the address: the position the page opens at, and editing it moves the cursor; the cursor keeps it up to
 * date, so the address is a link to the position. Another lab chosen in the page starts at its end, as usual.
 */
const useAddressPosition = (lab: LabInfo | undefined, position: number, set: (n: number) => void, total: { current: number }) => {
  const opened = useRef(false);
  useEffect(() => {
    if (!lab) return;
    const follow = () => {
      const asked = Number(window.location.hash.match(/^#at=(\d+)$/)?.[1] ?? Number.NaN);
      if (Number.isInteger(asked)) set(Math.min(asked, total.current));
    };
    if (!opened.current) follow();
    opened.current = true;
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [lab?.id]);
  useEffect(() => {
    if (lab && window.location.hash !== `#at=${position}`) window.history.replaceState(null, '', `#at=${position}`);
  }, [position]);
};
