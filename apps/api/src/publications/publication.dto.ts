import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PUBLISHABLE_REPORTS, type PublishableReport } from '@itp/domain';
import { ClosedBody, DATE_PATTERN } from '../shared/openapi/api-properties';

@ApiSchema({ name: 'PublicationParameters', additionalProperties: false } as never)
export class PublicationParametersDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1990,
    maximum: 2100,
    example: 2014,
    description: 'targets, assessment: the year',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @MaxLength(10)
  year?: string;

  @ApiPropertyOptional({
    pattern: '^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$',
    example: '2014-06',
    description: 'monthly-dispatch: the month, YYYY-MM',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  month?: string;

  @ApiPropertyOptional({
    pattern: '^(19|20|21)[0-9]{2}-Q[1-4]$',
    example: '2014-Q2',
    description: 'quarterly-bulletin: the quarter, YYYY-Qn',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  quarter?: string;

  @ApiPropertyOptional({
    format: 'date',
    pattern: DATE_PATTERN,
    example: '2014-07-10',
    description:
      'monthly-dispatch: the date stale projects are judged on; when absent, the default the endpoint uses is frozen in',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  referenceDate?: string;
}

@ClosedBody()
export class PublishReportDto {
  @ApiProperty({ enum: PUBLISHABLE_REPORTS, example: 'quarterly-bulletin' })
  @IsIn(PUBLISHABLE_REPORTS)
  report!: PublishableReport;

  @ApiProperty({ type: PublicationParametersDto, description: "The report endpoint's query parameters, as strings" })
  @IsDefined()
  @ValidateNested()
  @Type(() => PublicationParametersDto)
  parameters!: PublicationParametersDto;
}
