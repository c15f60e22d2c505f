import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ApiProblems, queryProblems } from '../../shared/openapi/api-responses';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import type { ReportName } from '../report-catalogue';
import { provinceWideOnly, ReportDiffs, type ReportDiff } from '../report-diffs';
import { MonthDiffDto, QuarterDiffDto, YearDiffDto } from './report-diff.dto';

const EVENT = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    streamId: { type: 'string' },
    revision: { type: 'integer' },
    type: { type: 'string' },
    recordedAt: { type: 'string', format: 'date-time' },
    actor: { type: 'string' },
    unit: { type: 'string' },
    reason: { type: 'string', nullable: true },
  },
} as const;
const SIDE = {
  type: 'object',
  properties: { instant: { type: 'string', format: 'date-time' }, position: { type: 'integer', minimum: 0 } },
} as const;
const DIFF_SCHEMA = {
  type: 'object',
  properties: {
    report: { type: 'string' },
    parameters: { type: 'object', additionalProperties: { type: 'string' } },
    from: SIDE,
    to: SIDE,
    changes: {
      type: 'array',
      description:
        'Every figure that differs: a JSON Pointer into the report (list items by their id, e.g. /byCity/[city=430100]/quarter/projects), ' +
        'its old and new value (absent on the side it is missing from), and the events recorded in between that changed it',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, old: {}, new: {}, events: { type: 'array', items: EVENT } },
      },
    },
    eventsBetween: { type: 'integer', minimum: 0 },
  },
};

const SUMMARY =
  'Every figure of the report that changed between two recorded instants (from, to), with its old and new value and ' +
  'only the events recorded in between that changed it (stream, revision, type, recorded time, actor, unit, reason). ' +
  'Province-wide keys only (403 otherwise): ';

/** The refusals of a diff: those of every query, and the window's own rules (422). */
const DiffErrors = () =>
  ApiProblems(
    queryProblems({
      422:
        'A rule of the window: from after to (rule-violation naming from); from or to after the server clock ' +
        '(as-of-in-future) or before 0001-01-01 in Asia/Shanghai (rule-violation); more events recorded between them than a ' +
        'diff replays, ITP_DIFF_MAX_EVENTS, default 20,000 (diff-window-too-large, naming from and to and the bound: ask ' +
        'for a narrower window)',
    }),
  );

const params = (query: object): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query)
      .filter(([key, value]) => !['from', 'to'].includes(key) && value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );

/** GET <report path>/diff for the four reports of the catalogue (issue 11, item 2). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1')
export class ReportDiffController {
  constructor(private readonly diffs: ReportDiffs) {}

  private run(report: ReportName, query: object & { from: string; to: string }, scope: ReadScope) {
    if (!scope.provinceWide) throw provinceWideOnly();
    return this.diffs.diff(report, params(query), query.from, query.to);
  }

  @Get('statistics/targets/diff')
  @ApiOperation({ summary: `${SUMMARY}/statistics/targets` })
  @ApiOkResponse({ description: 'The changed figures, each with its events', schema: DIFF_SCHEMA })
  @DiffErrors()
  targets(@Query() query: YearDiffDto, @CurrentReadScope() scope: ReadScope): Promise<ReportDiff> {
    return this.run('targets', query, scope);
  }

  @Get('reports/monthly-dispatch/diff')
  @ApiOperation({ summary: `${SUMMARY}/reports/monthly-dispatch` })
  @ApiOkResponse({ description: 'The changed figures, each with its events', schema: DIFF_SCHEMA })
  @DiffErrors()
  dispatch(@Query() query: MonthDiffDto, @CurrentReadScope() scope: ReadScope): Promise<ReportDiff> {
    return this.run('monthly-dispatch', query, scope);
  }

  @Get('reports/quarterly-bulletin/diff')
  @ApiOperation({ summary: `${SUMMARY}/reports/quarterly-bulletin` })
  @ApiOkResponse({ description: 'The changed figures, each with its events', schema: DIFF_SCHEMA })
  @DiffErrors()
  bulletin(@Query() query: QuarterDiffDto, @CurrentReadScope() scope: ReadScope): Promise<ReportDiff> {
    return this.run('quarterly-bulletin', query, scope);
  }

  @Get('assessment/diff')
  @ApiOperation({ summary: `${SUMMARY}/assessment` })
  @ApiOkResponse({ description: 'The changed figures, each with its events', schema: DIFF_SCHEMA })
  @DiffErrors()
  assessment(@Query() query: YearDiffDto, @CurrentReadScope() scope: ReadScope): Promise<ReportDiff> {
    return this.run('assessment', query, scope);
  }
}
