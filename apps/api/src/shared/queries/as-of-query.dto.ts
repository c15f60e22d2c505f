import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant, QueryInteger } from '../dto/common.dto';
import { MAX_PAGE, MAX_PAGE_SIZE, FreshQueryDto } from './fresh-query.dto';

const AS_OF_DESCRIPTION =
  'The read as of a past RECORDED instant (RFC 3339, never a business date): computed from the event log up to the last ' +
  'event recorded at or before it, with the same projection code as the live read models. An instant after the ' +
  "server's clock is refused with 422 (as-of-in-future); one after the newest event answers at the head. The answer " +
  'says what it reflects in `X-As-Of-Position` (the last event folded, 0 for none) and `X-As-Of` (the instant). ' +
  'Exclusive with `atPosition` (both: 422 rule-violation naming atPosition). "Today" in the answer (stale flags, ages, default reference dates) is this instant\'s day in Asia/Shanghai.';

/** Reads that answer as of a past recorded instant or position of the log (issue 11), beside `minPosition`. */
export class AsOfQueryDto extends FreshQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: AS_OF_DESCRIPTION, example: '2014-07-05T18:00:00+08:00' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @QueryInteger({
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    description:
      'The read as of a global position of the event log (the events up to it, inclusive). Beyond the head: 422 ' +
      '(position-beyond-head). Exclusive with `asOf` (both: 422 rule-violation naming atPosition).',
    example: 120,
  })
  atPosition?: number;
}

/** A paged read that answers as of a past instant or position too. */
export class PagedAsOfQueryDto extends AsOfQueryDto {
  @QueryInteger({ min: 1, max: MAX_PAGE, default: 1 })
  page?: number;

  @QueryInteger({ min: 1, max: MAX_PAGE_SIZE, default: 50 })
  pageSize?: number;
}
