import { IsString, MaxLength } from 'class-validator';
import { IsLocalDate, OptionalField } from '../../shared/dto/common.dto';
import { ApiDate, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class ResumeProjectDto {
  @ApiDate({ description: 'Not after today, nor before the suspension' })
  @IsLocalDate()
  resumedOn!: string;

  @ApiText(1000, { required: false })
  @OptionalField()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
