import { PartialType } from '@nestjs/swagger';
import { RequiredText } from '../../shared/dto/common.dto';
import { ApiText, ClosedBody } from '../../shared/openapi/api-properties';
import { ProjectDetailsDto } from '../register-project/register-project.dto';

/** Only the fields present are changed; `parkId` or `promotionEvent` null clears them. */
@ClosedBody()
export class AmendProjectDetailsDto extends PartialType(ProjectDetailsDto) {
  /** Mandatory: kept with the amendment for the audit. */
  @ApiText(1000, { description: 'Mandatory: kept with the amendment for the audit' })
  @RequiredText(1000)
  reason!: string;
}
