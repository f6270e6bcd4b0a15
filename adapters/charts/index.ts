export { procedureChart, type ProcedureChart, type ChartNode } from './chart.ts';
export { mermaid } from './mermaid.ts';
export { chartOf } from './progress.ts';
