import { ApiSchema } from '@nestjs/swagger';
import { DateTimeStr, Enum, Int, List, Obj, Str } from '../shared/openapi/view-properties';

/** The event a projection could not fold: kept until an operator rebuilds it, never skipped. */
@ApiSchema({ name: 'ProjectionFailure' })
export class ProjectionFailureView {
  @Int({ minimum: 0 })
  position!: number;

  @Str()
  eventId!: string;

  @Str()
  eventType!: string;

  @Str()
  streamId!: string;

  @Str()
  error!: string;

  @DateTimeStr()
  at!: string;
}

@ApiSchema({ name: 'RebuildStatus' })
export class RebuildStatusView {
  @Str({ description: 'The physical collection being built beside the live one' })
  target!: string;

  @Int({ minimum: 0 })
  position!: number;

  @Enum(['requested', 'version-changed', 'ahead-of-log'])
  reason!: string;

  @DateTimeStr()
  startedAt!: string;
}

/** One projection as an operator sees it. */
@ApiSchema({ name: 'ProjectionStatus' })
export class ProjectionStatusView {
  @Str()
  name!: string;

  @Int({ minimum: 0 })
  version!: number;

  @Str()
  collection!: string;

  @Str({ required: false, description: 'The physical collection readers see now, when known' })
  physicalCollection?: string;

  @Int({ minimum: 0 })
  checkpoint!: number;

  @Int({ minimum: 0 })
  head!: number;

  @Int({ minimum: 0 })
  lag!: number;

  @Enum(['catching-up', 'live', 'stopped', 'rebuilding'])
  state!: string;

  @Obj(() => ProjectionFailureView, { nullable: true })
  lastError!: ProjectionFailureView | null;

  @Obj(() => RebuildStatusView, { nullable: true })
  rebuild!: RebuildStatusView | null;
}

@ApiSchema({ name: 'ProjectionStatuses' })
export class ProjectionStatusesView {
  @Enum(['api', 'projector'], { description: 'Where the projections run' })
  runIn!: string;

  @List(() => ProjectionStatusView)
  projections!: ProjectionStatusView[];
}
