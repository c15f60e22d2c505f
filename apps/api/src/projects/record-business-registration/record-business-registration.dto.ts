import { IsLocalDate } from '../../shared/dto/common.dto';

export class RecordBusinessRegistrationDto {
  /** 完成工商注册: the project counts toward the target of this date's year, by the rules in force. */
  @IsLocalDate()
  registeredOn!: string;
}
