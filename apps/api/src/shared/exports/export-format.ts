import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MEDIA_TYPES: Record<string, ExportFormat> = {
  'application/json': 'json',
  [CSV_MEDIA_TYPE]: 'csv',
  [XLSX_MEDIA_TYPE]: 'xlsx',
};

/**
 * `?format=` wins; else the Accept header's most preferred of JSON, CSV and xlsx (by q, then by order); JSON
 * when it names none of them (as `*\/*` or no header does).
 */
export const negotiateFormat = (format: ExportFormat | undefined, accept: string | undefined): ExportFormat => {
  if (format !== undefined) return format;
  let best: { format: ExportFormat; q: number } | null = null;
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const found = MEDIA_TYPES[type];
    if (found === undefined) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q > 0 && (best === null || q > best.q)) best = { format: found, q };
  }
  return best?.format ?? 'json';
};

/** The `format` query parameter of every exportable query. */
export const FormatParam = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: EXPORT_FORMATS,
      description:
        'json (default), csv (UTF-8 with BOM) or xlsx; or send Accept: text/csv | application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    IsOptional(),
    IsIn(EXPORT_FORMATS),
  );
