import { createContext, useContext } from 'react';
import type { LabInfo, ProcedureInfo, StepInfo, WhatIfEdit } from '../api.ts';

export type Panel = 'world' | 'diff' | 'findings' | 'what-if' | 'chart' | 'step';

/** What every panel can read and do: the lab and the cursor, and the moves between panels. */
export interface Studio {
  lab: LabInfo;
  /** The seed's procedures and their steps (titles, purposes, choice schemas and fields). */
  procedures: ProcedureInfo[];
  /** The position shown: the world after this event (0: before the first). */
  position: number;
  total: number;
  /** Bumped whenever the lab grows, so that answers about it are fetched again. */
  revision: number;
  jump: (position: number) => void;
  showWhy: (entity: string) => void;
  show: (panel: Panel) => void;
  addWhatIf: (edit: WhatIfEdit) => void;
  /** After a fork or an upload: the lab list again, and the new lab shown. */
  openLab: (lab: LabInfo) => void;
  /** After the stepper appended to the lab. */
  grew: (total: number) => void;
}

export const StudioContext = createContext<Studio | null>(null);

export const useStudio = (): Studio => {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('a studio panel was drawn outside <StudioContext.Provider>');
  return studio;
};

/** A step of a procedure by ids, when the server knows it. */
export const stepOf = (procedures: ProcedureInfo[], procedure: string | null, step: string | null): StepInfo | undefined =>
  procedures.find((p) => p.id === procedure)?.steps.find((s) => s.id === step);
