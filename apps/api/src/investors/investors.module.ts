import { Module } from '@nestjs/common';
import { AmendInvestorController } from './amend-investor/amend-investor.controller';
import { ExecuteInvestorCommandHandler } from './execute-investor-command';
import { GetInvestorController } from './get-investor/get-investor.controller';
import { ListInvestorsController } from './list-investors/list-investors.controller';
import { RegisterInvestorController } from './register-investor/register-investor.controller';

/** The investor library's context (客商资源库). */
@Module({
  controllers: [RegisterInvestorController, AmendInvestorController, ListInvestorsController, GetInvestorController],
  providers: [ExecuteInvestorCommandHandler],
})
export class InvestorsModule {}
