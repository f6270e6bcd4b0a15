import { type ChangeEvent, useEffect, useState } from 'react';
import type { LabInfo, OpenAnswer } from '../../api.ts';
import { apiUrl, postJson, StudioRequestError } from '../client.ts';

/** Sends a bundle file (pkilab-lab/1 JSON) to the server, which holds it read-only; resolves to the new lab. */
const openBundle = async (file: File): Promise<LabInfo> => {
  const text = await file.text();
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch {
    throw new StudioRequestError('STUDIO_BAD_REQUEST', `${file.name}: expected a pkilab bundle (JSON), found text that is not JSON`, 400);
  }
  return (await postJson<OpenAnswer>(apiUrl('open'), bundle)).lab;
};

/** The file picker of the header: "Open a bundle…". */
export const OpenBundleButton = ({ openLab }: { openLab: (lab: LabInfo) => void }) => {
  const [error, setError] = useState<string>();
  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(undefined);
    openBundle(file).then(openLab, (e: Error) => setError(e.message));
  };
  return (
    <label className="button" title="Open an exported bundle (pkilab-lab/1 JSON), or drop it anywhere on the page">
      Open a bundle…
      <input type="file" accept=".json,application/json" onChange={picked} aria-label="Open a bundle" hidden />
      {error && (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </label>
  );
};

/** Dropping a bundle file anywhere on the page opens it; true while a file is dragged over the page. */
export const useBundleDrop = (openLab: (lab: LabInfo) => void): boolean => {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setOver(true);
    };
    const leave = (e: DragEvent) => e.relatedTarget === null && setOver(false);
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      setOver(false);
      openBundle(file).then(openLab, (error: Error) => window.alert(`Could not open ${file.name}: ${error.message}`));
    };
    window.addEventListener('dragover', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openLab]);
  return over;
};
