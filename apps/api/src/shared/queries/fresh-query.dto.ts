import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every query may wait for the projections to have folded the caller's own last command. */
export class FreshQueryDto {
  @ApiPropertyOptional({
    description:
      'The `position` a command answered: the query first waits (bounded; then 503 with Retry-After) until the read models it reads have folded it.',
    example: 42,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

export const MAX_PAGE_SIZE = 200;

export class PagedQueryDto extends FreshQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const paging = (query: PagedQueryDto): { page: number; pageSize: number; skip: number } => {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, skip: (page - 1) * pageSize };
};
