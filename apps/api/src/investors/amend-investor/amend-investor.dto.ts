import { PartialType } from '@nestjs/swagger';
import { RequiredText } from '../../shared/dto/common.dto';
import { ApiText, ClosedBody } from '../../shared/openapi/api-properties';
import { RegisterInvestorDto } from '../register-investor/register-investor.dto';

@ClosedBody()
export class AmendInvestorDto extends PartialType(RegisterInvestorDto) {
  @ApiText(1000, { description: 'Mandatory: kept with the amendment for the audit' })
  @RequiredText(1000)
  reason!: string;
}
