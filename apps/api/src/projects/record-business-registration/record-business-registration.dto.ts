import { IsLocalDate } from '../../shared/dto/common.dto';
import { ApiDate, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class RecordBusinessRegistrationDto {
  /** 完成工商注册: the project counts toward the target of this date's year, by the rules in force. */
  @ApiDate({
    description:
      "完成工商注册: the project counts toward the target of this date's year, by the rules in force; not after today",
  })
  @IsLocalDate()
  registeredOn!: string;
}
