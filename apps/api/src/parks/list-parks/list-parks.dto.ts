import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CITY_CODES, PARK_LEVEL_CODES } from '@itp/domain';
import { PagedQueryDto } from '../../shared/queries/fresh-query.dto';

export class ListParksDto extends PagedQueryDto {
  @ApiPropertyOptional({ enum: CITY_CODES })
  @IsOptional()
  @IsIn(CITY_CODES)
  city?: string;

  @ApiPropertyOptional({ enum: PARK_LEVEL_CODES, description: 'The level the park holds now' })
  @IsOptional()
  @IsIn(PARK_LEVEL_CODES)
  level?: string;
}
