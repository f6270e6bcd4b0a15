import { useEffect, useState } from 'react';
import type { LabInfo } from '../../api.ts';
import { labApi } from '../client.ts';
import type { Studio } from '../studio-context.ts';
import { OpenBundleButton } from './open-bundle.tsx';

interface Props {
  labs: LabInfo[];
  studio: Studio | null;
  choose: (id: string) => void;
  openLab: (lab: LabInfo) => void;
}

/** The lab chooser, the slider over the lab's positions, and open/export. */
export const Header = ({ labs, studio, choose, openLab }: Props) => (
  <header className="header">
    <h1>pkilab studio</h1>
    <label>
      Lab{' '}
      <select aria-label="Lab" value={studio?.lab.id ?? ''} onChange={(e) => choose(e.target.value)}>
        {labs.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.kind}, {l.id === studio?.lab.id ? studio.total : l.events} events{l.writable ? '' : ', read-only'})
          </option>
        ))}
      </select>
    </label>
    {studio && <Slider studio={studio} />}
    <OpenBundleButton openLab={openLab} />
    {studio && (
      <span className="exports">
        Export:{' '}
        <a href={labApi(studio.lab.id, 'export')} download>
          whole lab
        </a>
        {' · '}
        <a href={labApi(studio.lab.id, 'export', { to: studio.position })} download>
          up to {studio.position}
        </a>
      </span>
    )}
  </header>
);

/** The cursor as a slider: the position follows the thumb as it moves; the panels load once it rests. */
const Slider = ({ studio }: { studio: Studio }) => {
  const [value, setValue] = useState(studio.position);
  useEffect(() => setValue(studio.position), [studio.position]);
  useEffect(() => {
    if (value === studio.position) return;
    const settle = setTimeout(() => studio.jump(value), 150);
    return () => clearTimeout(settle);
  }, [value]);
  return (
    <span className="slider">
      <button type="button" onClick={() => studio.jump(studio.position - 1)} disabled={studio.position <= 0} aria-label="Previous event">
        ◀
      </button>
      <input
        type="range"
        min={0}
        max={studio.total}
        value={value}
        aria-label="Position"
        onChange={(e) => setValue(Number(e.target.value))}
      />
      <button
        type="button"
        onClick={() => studio.jump(studio.position + 1)}
        disabled={studio.position >= studio.total}
        aria-label="Next event"
      >
        ▶
      </button>
      <output aria-label="Cursor">
        position {value} of {studio.total}
      </output>
    </span>
  );
};
