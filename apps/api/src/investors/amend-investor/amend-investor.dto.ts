import { PartialType } from '@nestjs/swagger';
import { RequiredText } from '../../shared/dto/common.dto';
import { RegisterInvestorDto } from '../register-investor/register-investor.dto';

export class AmendInvestorDto extends PartialType(RegisterInvestorDto) {
  @RequiredText(1000)
  reason!: string;
}
