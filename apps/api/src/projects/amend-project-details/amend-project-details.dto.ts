import { IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { RequiredText } from '../../shared/dto/common.dto';
import { ApiText, ClosedBody } from '../../shared/openapi/api-properties';
import { ProjectDetailsDto } from '../register-project/register-project.dto';

/**
 * Only the members present are changed; none may be null but `parkId` and `promotionEvent`, which null clears.
 * (Mapped types declare no fields of their own, so a member the client left out stays absent, not undefined.)
 */
@ClosedBody()
export class AmendProjectDetailsDto extends IntersectionType(
  PartialType(OmitType(ProjectDetailsDto, ['parkId', 'promotionEvent']), { skipNullProperties: false }),
  PartialType(PickType(ProjectDetailsDto, ['parkId', 'promotionEvent'])),
) {
  /** Mandatory: kept with the amendment for the audit. */
  @ApiText(1000, { description: 'Mandatory: kept with the amendment for the audit' })
  @RequiredText(1000)
  reason!: string;
}
