import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_XIANGNAN_BATCH } from '@itp/domain';
import { IsLocalDate } from '../../shared/dto/common.dto';
import { ApiDate, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class AssignToXiangnanBatchDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_XIANGNAN_BATCH, example: 3 })
  @IsInt()
  @Min(1)
  @Max(MAX_XIANGNAN_BATCH)
  batch!: number;

  @ApiDate({ description: 'Not after today' })
  @IsLocalDate()
  assignedOn!: string;
}
