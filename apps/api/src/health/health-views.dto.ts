import { ApiSchema } from '@nestjs/swagger';
import { ChainPlaceView, LogVerificationView, SignedPlaceView } from '../audit/notary/notary-views.dto';
import { ProjectionFailureView } from '../projections/projection-views.dto';
import { Bool, Enum, Int, List, Obj, Str, Strs } from '../shared/openapi/view-properties';

/** The answers of GET /health: the same body with 200 (ok) and 503 (unavailable). */

const STATUSES = ['ok', 'unavailable'] as const;
const INTEGRITY_STATES = ['disabled', 'starting', 'verified', 'violated'] as const;
const PROJECTION_STATES = ['catching-up', 'live', 'stopped', 'rebuilding'] as const;
const STATUS_DOC = "'ok' with 200; 'unavailable' with 503 (a backend unreachable, or a projection stopped)";
const STOPPED_DOC = 'The stopped projections, when there are any (the answer is then a 503)';

/** A projection's lag, as anyone sees it. */
@ApiSchema({ name: 'HealthProjectionLag' })
export class HealthProjectionLagView {
  @Str()
  name!: string;

  @Int({ minimum: 0, description: 'Events of the log it has still to fold' })
  lag!: number;
}

/** What GET /health answers without an admin or auditor key. */
@ApiSchema({ name: 'HealthSummary' })
export class HealthSummaryView {
  @Enum(STATUSES, { description: STATUS_DOC })
  status!: 'ok' | 'unavailable';

  @Enum(INTEGRITY_STATES, {
    description:
      "The last verification of stored history ('violated' does not make the api unavailable: it is for operators and auditors to act on)",
  })
  integrity!: (typeof INTEGRITY_STATES)[number];

  @List(() => HealthProjectionLagView)
  projections!: HealthProjectionLagView[];

  @Strs({ required: false, description: STOPPED_DOC })
  stopped?: string[];
}

/** A backend (event store or read store), as it reports itself. */
@ApiSchema({ name: 'HealthBackend' })
export class HealthBackendView {
  @Enum(['sqlite', 'eventstoredb', 'mongodb', 'unknown'], { description: "'unknown' when it could not be asked" })
  backend!: string;

  @Bool()
  reachable!: boolean;

  @Str({ required: false, description: 'Its file or server and settings, or the error' })
  detail?: string;
}

@ApiSchema({ name: 'HealthBackends' })
export class HealthBackendsView {
  @Obj(() => HealthBackendView)
  eventStore!: HealthBackendView;

  @Obj(() => HealthBackendView)
  readStore!: HealthBackendView;
}

/** A projection's progress, as an admin or auditor sees it. */
@ApiSchema({ name: 'HealthProjection' })
export class HealthProjectionView {
  @Str()
  name!: string;

  @Int({ minimum: 0, description: 'Position it has folded up to' })
  checkpoint!: number;

  @Int({ minimum: 0, description: 'Position of the last event of the log' })
  head!: number;

  @Int({ minimum: 0 })
  lag!: number;

  @Enum(PROJECTION_STATES)
  state!: (typeof PROJECTION_STATES)[number];

  @Obj(() => ProjectionFailureView, { nullable: true, description: 'The event it could not fold, if stopped' })
  lastError!: ProjectionFailureView | null;
}

@ApiSchema({ name: 'HealthChainHead' })
export class HealthChainHeadView extends ChainPlaceView {}

@ApiSchema({ name: 'HealthLastCheckpoint' })
export class HealthLastCheckpointView extends SignedPlaceView {}

/** The integrity of stored history, as an admin or auditor sees it (only `state` while the notary starts or is off). */
@ApiSchema({ name: 'HealthIntegrity' })
export class HealthIntegrityView {
  @Enum(INTEGRITY_STATES)
  state!: (typeof INTEGRITY_STATES)[number];

  @Str({ required: false, description: 'Id of the signing key' })
  keyId?: string;

  @Obj(() => HealthChainHeadView, { required: false, description: 'Where the global chain stands' })
  head?: HealthChainHeadView;

  @Obj(() => HealthLastCheckpointView, { required: false })
  lastCheckpoint?: HealthLastCheckpointView;

  @Obj(() => LogVerificationView, { required: false })
  lastVerification?: LogVerificationView;
}

/** What GET /health answers with an admin or auditor key. */
@ApiSchema({ name: 'HealthDetail' })
export class HealthDetailView {
  @Enum(STATUSES, { description: STATUS_DOC })
  status!: 'ok' | 'unavailable';

  @Obj(() => HealthIntegrityView)
  integrity!: HealthIntegrityView;

  @Obj(() => HealthBackendsView)
  backends!: HealthBackendsView;

  @Enum(['api', 'projector'], { description: 'Where the projections run: in the api, or in a projector process' })
  projectionsRunIn!: 'api' | 'projector';

  @List(() => HealthProjectionView)
  projections!: HealthProjectionView[];

  @Strs({ required: false, description: STOPPED_DOC })
  stopped?: string[];
}
