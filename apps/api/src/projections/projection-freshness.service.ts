import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { problem, ProblemException } from '@itp/platform';
import { ProjectionsHost } from './projections-host.service';

/** How long a query waits for its read models before answering 503 (a command is usually folded within ms). */
export const FRESHNESS_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

/**
 * Read-your-writes: a query may pass `minPosition` (the position a command answered); `ensure` waits, bounded,
 * until every named projection has reached it, then returns; past the bound it throws a ProblemException 503 with
 * a Retry-After header. A position beyond the log's head (one no command answered) is refused at once with 422
 * `position-beyond-head`: no wait can serve it. Without minPosition it returns at once.
 */
@Injectable()
export class ProjectionFreshness {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async ensure(
    minPosition: number | undefined,
    projectionNames: readonly string[],
    timeoutMs = FRESHNESS_TIMEOUT_MS,
  ): Promise<void> {
    if (minPosition === undefined || minPosition <= 0) return;
    const unknown = projectionNames.filter((name) => !this.host.has(name));
    // A query naming a projection that does not exist is a bug in the query, not a lagging projection.
    if (unknown.length > 0) throw new Error(`ProjectionFreshness.ensure: unknown projection(s) ${unknown.join(', ')}`);
    const head = await this.eventStore.headPosition();
    // No command has answered a position beyond the head: waiting cannot serve it, so it is refused, not retried.
    if (minPosition > head) throw beyondHead(minPosition, head);
    const reached =
      this.host.runner !== undefined
        ? await this.host.runner.waitFor(minPosition, projectionNames, timeoutMs)
        : await this.pollReadStore(minPosition, projectionNames, timeoutMs);
    if (!reached)
      throw await this.lagging(
        minPosition,
        projectionNames,
        `The read models have not reached position ${minPosition} within ${timeoutMs} ms.`,
      );
  }

  private async pollReadStore(minPosition: number, names: readonly string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await this.host.checkpoints(names);
      if ([...checkpoints.values()].every((checkpoint) => checkpoint >= minPosition)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
    }
  }

  private async lagging(minPosition: number, names: readonly string[], detail: string): Promise<ProblemException> {
    const checkpoints = await this.host.checkpoints(names).catch(() => new Map<string, number>());
    const projections = names.map((name) => ({ name, checkpoint: checkpoints.get(name) ?? null }));
    return new ProblemException(
      problem(503, 'projection-lagging', 'Read model not up to date yet', {
        detail: `${detail} Retry shortly.`,
        minPosition,
        projections,
      }),
      { 'Retry-After': '1' },
    );
  }
}

/** A position the log has not reached: no command answered it, and no wait for the read models can serve it. */
export function beyondHead(minPosition: number, head: number): ProblemException {
  return new ProblemException(
    problem(422, 'position-beyond-head', 'Position beyond the head of the log', {
      detail: `minPosition ${minPosition} is beyond the head of the event log (${head}): no command has answered it, so no read model will reach it. Pass a position a command answered.`,
      minPosition,
      head,
      errors: [{ field: 'minPosition', message: `must not be beyond the head of the event log (${head})` }],
    }),
  );
}
