import { IsString, MaxLength } from 'class-validator';
import { IsDecimalString, IsLocalDate, OptionalField } from '../../shared/dto/common.dto';
import { ApiDate, ApiDecimal, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class RecordFactoryCompletionDto {
  /** Completed standard factory floor area (标准厂房), m², exact decimal. */
  @ApiDecimal(2, {
    positive: true,
    digits: 10,
    description: 'Completed standard factory floor area (标准厂房), m², exact decimal > 0',
    example: '12000.50',
  })
  @IsString()
  @IsDecimalString(2)
  floorAreaSqm!: string;

  @ApiDate({ description: 'Not after today' })
  @IsLocalDate()
  completedOn!: string;

  @ApiText(500, { required: false })
  @OptionalField()
  @IsString()
  @MaxLength(500)
  description?: string;
}
