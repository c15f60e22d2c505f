import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';

export class RaiseProblemDto {
  @RequiredText(200)
  title!: string;

  @RequiredText(5000)
  description!: string;

  /** The member unit of the joint conference that must resolve it. */
  @RequiredText(200)
  assignedUnit!: string;

  @IsLocalDate()
  raisedOn!: string;
}
