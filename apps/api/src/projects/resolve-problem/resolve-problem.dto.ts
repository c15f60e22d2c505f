import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';

export class ResolveProblemDto {
  @RequiredText(5000)
  resolution!: string;

  @IsLocalDate()
  resolvedOn!: string;
}
