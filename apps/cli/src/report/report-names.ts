/** The reports `itp report` computes, each as the api endpoint of the same name answers it. */
export const REPORT_NAMES = ['targets', 'monthly-dispatch', 'quarterly-bulletin', 'assessment'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
