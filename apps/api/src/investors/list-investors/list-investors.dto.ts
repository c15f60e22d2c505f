import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RANKING_CODES } from '@itp/domain';
import { PagedQueryDto } from '../../shared/queries/fresh-query.dto';

export class ListInvestorsDto extends PagedQueryDto {
  @ApiPropertyOptional({ enum: RANKING_CODES, description: 'Investors on this list' })
  @IsOptional()
  @IsIn(RANKING_CODES)
  ranking?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country code', example: 'CN' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  country?: string;

  @ApiPropertyOptional({ description: 'Text contained in the name, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
