import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeyGuard, httpLogOptions, ITP_CONFIG, type ItpConfig } from '@itp/platform';
import { BackendsModule } from './infrastructure/backends.module';
import { HealthController } from './health/health.controller';
import { ProjectionsModule } from './projections/projections.module';
import { ApplicationModule } from './shared/application.module';
import { AuditModule } from './audit/audit.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ExchangeRatesModule } from './exchange-rates/exchange-rates.module';
import { InvestorsModule } from './investors/investors.module';
import { ParksModule } from './parks/parks.module';
import { ProjectsModule } from './projects/projects.module';
import { PublicationsModule } from './publications/publications.module';
import { ReportsModule } from './reports/reports.module';
import { CLOCK, systemClock, type Clock } from './shared/http/clock';

@Module({})
export class AppModule {
  static forConfig(config: ItpConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // A 503 is logged as a warning without a stack; API keys never (see http-logging.ts).
        LoggerModule.forRoot({ pinoHttp: httpLogOptions(config.logLevel) }),
        CqrsModule.forRoot(),
        BackendsModule,
        ProjectionsModule,
        ApplicationModule,
        ProjectsModule,
        InvestorsModule,
        ParksModule,
        ExchangeRatesModule,
        ReportsModule,
        PublicationsModule,
        AuditModule,
        DashboardModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: ITP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
      exports: [ITP_CONFIG, CLOCK],
    };
  }
}
