import { Module } from '@nestjs/common';
import { ExecuteExchangeRatesCommandHandler } from './execute-exchange-rates-command';
import { SetExchangeRateController } from './set-exchange-rate/set-exchange-rate.controller';

/** The dated USD/CNY table. */
@Module({
  controllers: [SetExchangeRateController],
  providers: [ExecuteExchangeRatesCommandHandler],
})
export class ExchangeRatesModule {}
