import { IsInt, Max, Min } from 'class-validator';
import { MAX_XIANGNAN_BATCH } from '@itp/domain';
import { IsLocalDate } from '../../shared/dto/common.dto';

export class AssignToXiangnanBatchDto {
  @IsInt()
  @Min(1)
  @Max(MAX_XIANGNAN_BATCH)
  batch!: number;

  @IsLocalDate()
  assignedOn!: string;
}
