export {
  procedureChart,
  notStarted,
  type ProcedureChart,
  type ChartNode,
  type ChartEdge,
  type ChartProgress,
  type StepStatus,
} from './chart.ts';
export { mermaid } from './mermaid.ts';
export { progressOf, chartOf } from './progress.ts';
