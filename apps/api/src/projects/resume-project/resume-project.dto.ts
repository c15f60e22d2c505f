import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLocalDate } from '../../shared/dto/common.dto';

export class ResumeProjectDto {
  @IsLocalDate()
  resumedOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
