import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PUBLISHABLE_REPORTS, type PublishableReport } from '@itp/domain';
import { IsLocalDate } from '../shared/dto/common.dto';
import { ClosedBody, DATE_PATTERN } from '../shared/openapi/api-properties';

@ApiSchema({ name: 'PublicationParameters', additionalProperties: false } as never)
export class PublicationParametersDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1990,
    maximum: 2100,
    example: 2014,
    description: 'targets, assessment: the year (required for them: missing, 422 naming parameters.year)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @MaxLength(10)
  @Matches(/^(199\d|20\d\d|2100)$/, { message: 'year must be an integer from 1990 to 2100' })
  year?: string;

  @ApiPropertyOptional({
    pattern: '^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$',
    example: '2014-06',
    description: 'monthly-dispatch: the month, YYYY-MM (required for it: missing, 422 naming parameters.month)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be a month YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({
    pattern: '^(19|20|21)[0-9]{2}-Q[1-4]$',
    example: '2014-Q2',
    description: 'quarterly-bulletin: the quarter, YYYY-Qn (required for it: missing, 422 naming parameters.quarter)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(/^(19|20|21)\d{2}-Q[1-4]$/, { message: 'quarter must be a quarter YYYY-Qn, e.g. 2014-Q2' })
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
  @IsLocalDate()
  referenceDate?: string;
}

@ClosedBody()
export class PublishReportDto {
  @ApiProperty({ enum: PUBLISHABLE_REPORTS, example: 'quarterly-bulletin' })
  @IsIn(PUBLISHABLE_REPORTS)
  report!: PublishableReport;

  @ApiProperty({
    type: PublicationParametersDto,
    description:
      "The report endpoint's query parameters, as strings. Each report requires its own (targets and assessment: year; " +
      'monthly-dispatch: month; quarterly-bulletin: quarter): one missing is refused with 422 (rule-violation) naming ' +
      'parameters.<name>; a malformed one with 400.',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => PublicationParametersDto)
  parameters!: PublicationParametersDto;
}
