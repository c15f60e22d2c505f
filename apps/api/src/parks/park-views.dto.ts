import { ApiSchema } from '@nestjs/swagger';
import { CITY_CODES, PARK_LEVEL_CODES } from '@itp/domain';
import { DateStr, DateTimeStr, DecimalStr, Enum, Int, List, MapOf, Obj, Str } from '../shared/openapi/view-properties';
import { PageOf } from '../shared/openapi/page-view';
import { NamesView, ProjectSummaryView } from '../shared/openapi/views.dto';

/** A level the park held from `approvedOn`. */
@ApiSchema({ name: 'ParkLevelEntry' })
export class ParkLevelEntryView {
  @Enum(PARK_LEVEL_CODES)
  level!: string;

  @Enum(PARK_LEVEL_CODES, {
    nullable: true,
    description: 'The level it was upgraded from; null for the registered level',
  })
  from!: string | null;

  @DateStr({ nullable: true, description: 'null: the date of the level it was registered with is unknown' })
  approvedOn!: string | null;

  @Enum(['registration', 'upgrade'])
  via!: string;

  @DateTimeStr()
  recordedAt!: string;
}

@ApiSchema({ name: 'FactoryCompletion' })
export class FactoryCompletionView {
  @DateStr()
  completedOn!: string;

  @DecimalStr({ description: 'm²' })
  floorAreaSqm!: string;

  @Str({ nullable: true })
  description!: string | null;

  @DateTimeStr()
  recordedAt!: string;
}

/** Standard factory buildings (标准厂房) completed in the park. */
@ApiSchema({ name: 'StandardFactory' })
export class StandardFactoryView {
  @MapOf(
    { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' },
    { description: 'Completed floor area (m², exact decimal) by calendar year ("2014": "12000.50")' },
  )
  byYear!: Record<string, string>;

  @DecimalStr({ description: 'm²' })
  totalSqm!: string;

  @List(() => FactoryCompletionView)
  completions!: FactoryCompletionView[];
}

/** How every list names a park, first: its id, its name and its city. Not a schema of its own. */
export abstract class ParkRefView {
  @Str()
  parkId!: string;

  @Str()
  name!: string;

  @Enum(CITY_CODES)
  city!: string;
}

/** One park of the industrial base (产业基础数据库). */
@ApiSchema({ name: 'Park' })
export class ParkView extends ParkRefView {
  @Obj(() => NamesView)
  cityName!: NamesView;

  @Enum(PARK_LEVEL_CODES)
  level!: string;

  @DateStr({ nullable: true })
  levelApprovedOn!: string | null;

  @List(() => ParkLevelEntryView, { description: 'The registered level first, then each upgrade' })
  levelHistory!: ParkLevelEntryView[];

  @Obj(() => StandardFactoryView)
  standardFactory!: StandardFactoryView;

  @Int({ minimum: 0 })
  revision!: number;

  @DateTimeStr()
  createdAt!: string;

  @DateTimeStr()
  updatedAt!: string;
}

@ApiSchema({ name: 'ParkDetail' })
export class ParkDetailView extends ParkView {
  @List(() => ProjectSummaryView, { description: 'The projects located in the park' })
  projects!: ProjectSummaryView[];
}

@ApiSchema({ name: 'ParkPage' })
export class ParkPageView extends PageOf(() => ParkView) {}
