import { Global, Module } from '@nestjs/common';
import { DecisionContextReader } from './command-execution/decision-context-reader';
import { EventSourcedCommandExecutor } from './command-execution/event-sourced-command-executor';
import { AsOfReadModels } from './queries/as-of-read-models';
import { ReadModels } from './queries/read-models';

/** What every context's use cases share: the command executor and its reader, and the read models. */
@Global()
@Module({
  providers: [EventSourcedCommandExecutor, DecisionContextReader, ReadModels, AsOfReadModels],
  exports: [EventSourcedCommandExecutor, DecisionContextReader, ReadModels, AsOfReadModels],
})
export class ApplicationModule {}
