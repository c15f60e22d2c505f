import { Controller, Get, Headers, Inject, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import type { ReadFilter } from '@itp/read-store';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { exportFile } from '../../shared/exports/export-file';
import { negotiateFormat } from '../../shared/exports/export-format';
import { ExportStamp } from '../../shared/exports/export-stamp.service';
import { CLOCK, type Clock } from '../../shared/http/clock';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { ProblemListView } from '../project-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { AsOfReadModels, asOfStampText, reportDay } from '../../shared/queries/as-of-read-models';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { ListProblemsDto } from './list-problems.dto';
import { problemsExport } from './list-problems.export';
import { problemAsOf } from './problem-age';

export type ProblemItem = {
  problemId: string;
  projectId: string;
  projectName: string | null;
  city: string | null;
  cityName: { en: string; zh: string } | null;
  title: string;
  description: string;
  assignedUnit: string;
  raisedOn: string;
} & NonNullable<ReturnType<typeof problemAsOf>>;

type Answer = { ageOn: string; items: ProblemItem[]; total: number };

@ApiTags('problems')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/problems')
export class ListProblemsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly stamp: ExportStamp,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Problems raised to the joint conference (联席会议), with their age in days; open ones first, oldest first. A city-scoped key ' +
      "reads its cities' projects' problems only",
  })
  @ApiQueryAnswer(
    ProblemListView,
    '{ ageOn, items, total }; each item with its project name and city, status and age on `ageOn` (a business date)',
    { exports: true, asOf: true },
  )
  @QueryErrors()
  async list(
    @Query() query: ListProblemsDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Answer | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, [READ_MODEL.problems, READ_MODEL.projects], reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, [READ_MODEL.problems, READ_MODEL.projects]);
    const stamp =
      format === 'json'
        ? null
        : asOf !== null
          ? { text: asOfStampText(asOf) }
          : await this.stamp.of([READ_MODEL.problems, READ_MODEL.projects]);
    const ageOn = query.ageOn ?? reportDay(asOf, this.clock);
    const filter: ReadFilter = {};
    if (query.assignedUnit !== undefined) filter.assignedUnit = query.assignedUnit;
    if (query.projectId !== undefined) filter.projectId = query.projectId;
    const problems = await readModels.problems().find(filter, { sort: { raisedOn: 1, _id: 1 } });
    const projectIds = [...new Set(problems.map((p) => p.projectId))];
    const projects = await readModels
      .projects()
      .find({ _id: { $in: projectIds } }, { projection: { name: 1, city: 1, cityName: 1 } });
    const byId = new Map(projects.map((p) => [p._id, p]));
    const items = problems
      .flatMap((problem): ProblemItem[] => {
        const state = problemAsOf(problem, ageOn);
        if (state === null || (query.status !== undefined && state.status !== query.status)) return [];
        const project = byId.get(problem.projectId);
        // Problem events carry no city: the project library knows each project's city as it is now.
        if (query.city !== undefined && project?.city !== query.city) return [];
        if (!scope.sees(project?.city)) return [];
        const { problemId, projectId, title, description, assignedUnit, raisedOn } = problem;
        return [
          {
            problemId,
            projectId,
            projectName: project?.name ?? null,
            city: project?.city ?? null,
            cityName: project?.cityName ?? null,
            title,
            description,
            assignedUnit,
            raisedOn,
            ...state,
          },
        ];
      })
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
    if (stamp !== null && format !== 'json')
      return exportFile(
        problemsExport({ ageOn, items }, query, { asOf: stamp.text, scope: scope.description }),
        format,
      );
    return { ageOn, items, total: items.length };
  }
}
