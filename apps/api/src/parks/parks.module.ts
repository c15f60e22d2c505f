import { Module } from '@nestjs/common';
import { ExecuteParkCommandHandler } from './execute-park-command';
import { GetParkController } from './get-park/get-park.controller';
import { ListParksController } from './list-parks/list-parks.controller';
import { RecordFactoryCompletionController } from './record-factory-completion/record-factory-completion.controller';
import { RegisterParkController } from './register-park/register-park.controller';
import { UpgradeParkController } from './upgrade-park/upgrade-park.controller';

/** The parks' context: registrations, upgrades, standard factory floor area. */
@Module({
  controllers: [
    RegisterParkController,
    UpgradeParkController,
    RecordFactoryCompletionController,
    ListParksController,
    GetParkController,
  ],
  providers: [ExecuteParkCommandHandler],
})
export class ParksModule {}
