import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';
import { ApiDate, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class ResolveProblemDto {
  @ApiText(5000)
  @RequiredText(5000)
  resolution!: string;

  @ApiDate({ description: 'Not after today, nor before the problem was raised' })
  @IsLocalDate()
  resolvedOn!: string;
}
