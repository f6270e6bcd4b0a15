export { reportModel, fullLogLimit, type ReportModel, type ProcedureRun, type InputRow, type EventLine } from './model.ts';
export { reportPage } from './page.ts';
export { escapeHtml, html, type Markup } from './html.ts';
export { writeReport, ReportError } from './write.ts';
export { csvField, csvText, findingsCsv, findingColumns } from './csv.ts';
