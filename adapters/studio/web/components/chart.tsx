import type { ChartAnswer, ChartNode } from '../../api.ts';
import { labApi, useJson } from '../client.ts';
import { useStudio } from '../studio-context.ts';
import { layoutChart } from '../chart-layout.ts';
import { ProcedurePicker, useProcedure } from './procedure-picker.tsx';
import { Problem } from './problem.tsx';

const row = 64;
const box = { x: 280, width: 400, height: 44 };
const symbol: Record<ChartNode['status'], string> = { done: '✓', current: '▶', skipped: '–', rejected: '✗', upcoming: '' };
const legend: Record<ChartNode['status'], string> = {
  done: '✓ done',
  current: '▶ current',
  skipped: '– left out',
  rejected: '✗ rejected',
  upcoming: 'upcoming',
};

/** The procedure's state machine as the server reads it from its definition: a box per state, in bands by phase. */
export const Chart = () => {
  const studio = useStudio();
  const [procedure, setProcedure] = useProcedure();
  const { data, error } = useJson<ChartAnswer>(
    procedure ? labApi(studio.lab.id, `chart/${encodeURIComponent(procedure)}`, { at: studio.position }) : null,
    studio.revision,
  );
  return (
    <div className="chart">
      <div className="toolbar">
        <ProcedurePicker value={procedure} set={setProcedure} />
        <span className="legend">
          {Object.entries(legend).map(([s, text]) => (
            <span key={s} className={`node-${s}`}>
              {text}
            </span>
          ))}
        </span>
      </div>
      <Problem error={error} />
      {data && <Drawing chart={data} />}
      {data && (
        <details>
          <summary>
            Mermaid text (as <code>pkilab procedures --mermaid</code> prints it)
          </summary>
          <pre>{data.mermaid}</pre>
        </details>
      )}
    </div>
  );
};

const Drawing = ({ chart }: { chart: ChartAnswer }) => {
  const { steps, bands, arrows } = layoutChart(chart);
  const far = Math.max(0, ...arrows.map((a) => Math.abs(a.to - a.from)));
  const width = box.x + box.width + 60 + far * 14 + 160;
  const height = steps.length * row + 10;
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={`Chart of ${chart.procedure}`}
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
        </marker>
      </defs>
      {bands.map((b) => (
        <g key={`${b.title}-${b.first}`} className="band">
          <rect x={4} y={b.first * row + 2} width={width - 8} height={(b.last - b.first + 1) * row - 4} rx={8} />
          <text x={14} y={b.first * row + 26}>
            {b.title.length > 27 ? `${b.title.slice(0, 26)}…` : b.title}
            <title>{b.title}</title>
          </text>
        </g>
      ))}
      {arrows.map((a, i) => (
        <Edge key={`${a.from}-${a.to}-${i}`} from={a.from} to={a.to} label={a.label} guard={a.guard} />
      ))}
      {steps.map((n, i) => (
        <g key={n.id} className={`node node-${n.status}`} data-node={n.id} data-status={n.status}>
          <rect x={box.x} y={i * row + 10} width={box.width} height={box.height} rx={6} />
          <text x={box.x + 12} y={i * row + 37}>
            {symbol[n.status]} {n.label.length > 46 ? `${n.label.slice(0, 45)}…` : n.label}
          </text>
          <title>{`${n.label} (${n.status})`}</title>
        </g>
      ))}
    </svg>
  );
};

/** An arrow: straight down to the next state, or an arc on the right for a jump (skip, retry, back). */
const Edge = ({ from, to, label, guard }: { from: number; to: number; label: string; guard: string }) => {
  if (to === from + 1) {
    const x = box.x + box.width / 2;
    const y1 = from * row + 10 + box.height;
    return (
      <g className="edge">
        <title>{`${label} ${guard}`}</title>
        <path d={`M${x},${y1} L${x},${to * row + 10}`} markerEnd="url(#arrow)" />
        {label && (
          <text x={x + 8} y={y1 + 14}>
            {label}
          </text>
        )}
      </g>
    );
  }
  const right = box.x + box.width;
  const y1 = from * row + 10 + box.height / 2;
  const y2 = to * row + 10 + box.height / 2;
  const bulge = right + 30 + Math.abs(to - from) * 14;
  return (
    <g className={`edge jump${to < from ? ' back' : ''}`}>
      <title>{`${label} ${guard}`}</title>
      <path d={`M${right},${y1} C${bulge},${y1} ${bulge},${y2} ${right},${y2}`} markerEnd="url(#arrow)" />
      {label && (
        <text x={bulge - 10} y={(y1 + y2) / 2}>
          {label}
        </text>
      )}
    </g>
  );
};
