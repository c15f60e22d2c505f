import { Controller, Get, Headers, Inject, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import type { ReadFilter } from '@itp/read-store';
import type { ProblemDocument } from '@itp/projections';
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
import { paging } from '../../shared/queries/fresh-query.dto';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { ListProblemsDto } from './list-problems.dto';
import { problemsExport } from './list-problems.export';
import { problemAgeOn, problemAsOf, problemStatusOn } from './problem-age';

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

/** The problems of one unit among all that match (not only the page's): what the problems board groups by. */
export type UnitSummary = { assignedUnit: string; problems: number; open: number; oldestOpenDays: number | null };

type Answer = {
  ageOn: string;
  items: ProblemItem[];
  total: number;
  page: number;
  pageSize: number;
  units: UnitSummary[];
};

type ProjectNames = { name?: string; city?: string; cityName?: { en: string; zh: string } };

/**
 * The problems of every match summed by owning unit, as the matches are found: a second pass over them (120,579
 * problems unfiltered at 1M events) cost the list as much as finding them, its reads missing the CPU's caches.
 */
class UnitTally {
  private readonly units = new Map<string, UnitSummary>();

  /** One match: its unit, its status on the list's day, and its age then if open. */
  add(assignedUnit: string, openForDays: number | null): void {
    let unit = this.units.get(assignedUnit);
    if (unit === undefined)
      this.units.set(assignedUnit, (unit = { assignedUnit, problems: 0, open: 0, oldestOpenDays: null }));
    unit.problems += 1;
    if (openForDays !== null) {
      unit.open += 1;
      unit.oldestOpenDays = Math.max(unit.oldestOpenDays ?? 0, openForDays);
    }
  }

  /** By unit, the unit with the oldest open problem first (units with none open last), then by name. */
  summaries(): UnitSummary[] {
    return [...this.units.values()].sort(
      (a, b) => (b.oldestOpenDays ?? -1) - (a.oldestOpenDays ?? -1) || a.assignedUnit.localeCompare(b.assignedUnit),
    );
  }
}

/** Items `skip` to `skip + size` of `first` followed by `second`, without joining the two whole lists. */
const pageOfBoth = <T>(first: readonly T[], second: readonly T[], skip: number, size: number): T[] =>
  skip >= first.length
    ? second.slice(skip - first.length, skip - first.length + size)
    : first.slice(skip, skip + size).concat(second.slice(0, Math.max(0, skip + size - first.length)));

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
    '{ ageOn, items, total, page, pageSize, units }: a page of the problems (`total` counts all that match), each with its project name and city, status and age on `ageOn` (a business date); `units` sums every match by owning unit',
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
    const projectsOf = async (ids: Iterable<string>): Promise<Map<string, ProjectNames>> => {
      const found = await readModels
        .projects()
        .find({ _id: { $in: [...new Set(ids)] } }, { projection: { name: 1, city: 1, cityName: 1 } });
      return new Map(found.map((p) => [p._id, p]));
    };
    // Problem events carry no city: the project library knows each project's city as it is now. Every match's
    // project is read only when a city decides what matches (a city filter, a city-scoped key); else only the page's.
    const byCity =
      query.city !== undefined || !scope.provinceWide ? await projectsOf(problems.map((p) => p.projectId)) : null;
    // Open ones first, each status in raisedOn order (the find's). Only the problems themselves are kept: each
    // shown one's state is made for its item, not one object per match (garbage that put a major collection into
    // about one answer in twenty of the unfiltered list at 1M events).
    const open: ProblemDocument[] = [];
    const resolved: ProblemDocument[] = [];
    const units = new UnitTally();
    for (const problem of problems) {
      const status = problemStatusOn(problem, ageOn);
      if (status === null || (query.status !== undefined && status !== query.status)) continue;
      if (byCity !== null) {
        const city = byCity.get(problem.projectId)?.city;
        if ((query.city !== undefined && city !== query.city) || !scope.sees(city)) continue;
      }
      if (status === 'open') {
        open.push(problem);
        units.add(problem.assignedUnit, problemAgeOn(problem, ageOn, status));
      } else {
        resolved.push(problem);
        units.add(problem.assignedUnit, null);
      }
    }
    const total = open.length + resolved.length;
    const { page, pageSize, skip } = paging(query);
    // A page as JSON; every match in an export.
    const shown = format === 'json' ? pageOfBoth(open, resolved, skip, pageSize) : open.concat(resolved);
    const names = byCity ?? (await projectsOf(shown.map((problem) => problem.projectId)));
    const items = shown.map((problem): ProblemItem => {
      const project = names.get(problem.projectId);
      const { problemId, projectId, title, description, assignedUnit, raisedOn } = problem;
      return {
        problemId,
        projectId,
        projectName: project?.name ?? null,
        city: project?.city ?? null,
        cityName: project?.cityName ?? null,
        title,
        description,
        assignedUnit,
        raisedOn,
        ...problemAsOf(problem, ageOn)!,
      };
    });
    if (stamp !== null && format !== 'json')
      return exportFile(
        problemsExport({ ageOn, items }, query, { asOf: stamp.text, scope: scope.description }),
        format,
      );
    return { ageOn, items, total, page, pageSize, units: units.summaries() };
  }
}
