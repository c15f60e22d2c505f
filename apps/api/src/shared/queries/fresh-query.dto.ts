import { MAX_POSITION, QueryInteger } from '../dto/common.dto';

/** Every query may wait for the projections to have folded the caller's own last command. */
export class FreshQueryDto {
  @QueryInteger({
    min: 0,
    max: MAX_POSITION,
    description:
      'The `position` a command answered: the query first waits (bounded; then 503 with Retry-After) until the read models it reads have folded it. A position beyond the head of the event log is refused with 422 (position-beyond-head).',
    example: 42,
  })
  minPosition?: number;
}

export const MAX_PAGE_SIZE = 200;
/** Deep enough for any read model ITP keeps; (page - 1) * pageSize stays a small, exact integer. */
export const MAX_PAGE = 100_000;

export class PagedQueryDto extends FreshQueryDto {
  @QueryInteger({ min: 1, max: MAX_PAGE, default: 1 })
  page?: number;

  @QueryInteger({ min: 1, max: MAX_PAGE_SIZE, default: 50 })
  pageSize?: number;
}
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const paging = (query: PagedQueryDto): { page: number; pageSize: number; skip: number } => {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, skip: (page - 1) * pageSize };
};
