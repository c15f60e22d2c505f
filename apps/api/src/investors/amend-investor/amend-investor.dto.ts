import { IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { RequiredText } from '../../shared/dto/common.dto';
import { ApiText, ClosedBody } from '../../shared/openapi/api-properties';
import { RegisterInvestorDto } from '../register-investor/register-investor.dto';

/**
 * Only the members present are changed; none may be null but the credit code, which null removes. (Mapped
 * types declare no fields of their own, so a member the client left out stays absent, not undefined.)
 */
@ClosedBody()
export class AmendInvestorDto extends IntersectionType(
  PartialType(OmitType(RegisterInvestorDto, ['unifiedSocialCreditCode']), { skipNullProperties: false }),
  PartialType(PickType(RegisterInvestorDto, ['unifiedSocialCreditCode'])),
) {
  @ApiText(1000, { description: 'Mandatory: kept with the amendment for the audit' })
  @RequiredText(1000)
  reason!: string;
}
