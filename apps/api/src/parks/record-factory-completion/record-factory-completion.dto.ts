import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDecimalString, IsLocalDate } from '../../shared/dto/common.dto';

export class RecordFactoryCompletionDto {
  /** Completed standard factory floor area (标准厂房), m², exact decimal. */
  @IsString()
  @IsDecimalString(2)
  floorAreaSqm!: string;

  @IsLocalDate()
  completedOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
