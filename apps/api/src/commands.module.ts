import { Global, Module } from '@nestjs/common';
import { EventSourcedCommandExecutor } from './shared/command-execution/event-sourced-command-executor';
import { ReferenceChecker } from './shared/command-execution/reference-checker';
import { InvestorsCommandController } from './investors/investors.controller';
import { AmendInvestorDetailsHandler, RegisterInvestorHandler } from './investors/investor-commands';
import { ParksCommandController } from './parks/parks.controller';
import { RecordStandardFactoryCompletionHandler, RegisterParkHandler, UpgradeParkHandler } from './parks/park-commands';
import { SetExchangeRateController, SetExchangeRateHandler } from './exchange-rates/set-exchange-rate';
import { ProjectsCommandsModule } from './projects/projects-commands.module';

/** Shared command machinery, global so every context's handlers can inject it. */
@Global()
@Module({
  providers: [EventSourcedCommandExecutor, ReferenceChecker],
  exports: [EventSourcedCommandExecutor, ReferenceChecker],
})
export class CommandMachineryModule {}

/** The command side of the api: what integration clients and admins send. */
@Module({
  imports: [CommandMachineryModule, ProjectsCommandsModule],
  controllers: [InvestorsCommandController, ParksCommandController, SetExchangeRateController],
  providers: [RegisterInvestorHandler, AmendInvestorDetailsHandler, RegisterParkHandler, UpgradeParkHandler, RecordStandardFactoryCompletionHandler, SetExchangeRateHandler],
})
export class CommandsModule {}
