import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';
import { ApiDate, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class RaiseProblemDto {
  @ApiText(200)
  @RequiredText(200)
  title!: string;

  @ApiText(5000)
  @RequiredText(5000)
  description!: string;

  /** The member unit of the joint conference that must resolve it. */
  @ApiText(200, { description: 'The member unit of the joint conference that must resolve it' })
  @RequiredText(200)
  assignedUnit!: string;

  @ApiDate({ description: 'Not after today' })
  @IsLocalDate()
  raisedOn!: string;
}
