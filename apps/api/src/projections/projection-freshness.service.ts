import { Injectable } from '@nestjs/common';

/**
 * Read-your-writes: a query may pass `minPosition` (the position a command answered); `ensure` waits, bounded,
 * until every named projection has reached it, then returns; past the bound it throws a ProblemException 503 with
 * a Retry-After header. Without minPosition it returns at once.
 */
@Injectable()
export class ProjectionFreshness {
  async ensure(minPosition: number | undefined, projectionNames: readonly string[]): Promise<void> {
    void minPosition;
    void projectionNames;
    throw new Error('ProjectionFreshness is not implemented yet');
  }
}
