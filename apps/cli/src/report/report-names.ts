/** The reports `itp report` computes, each as the api endpoint of the same name answers it (the api's catalogue). */
export { REPORT_NAMES, type ReportName } from '../../../api/src/reports/report-catalogue';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
