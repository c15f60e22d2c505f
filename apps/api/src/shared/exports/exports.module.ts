import { Global, Module } from '@nestjs/common';
import { ExportStamp } from './export-stamp.service';

/** What every export shares: the stamp of the instant it reflects. */
@Global()
@Module({ providers: [ExportStamp], exports: [ExportStamp] })
export class ExportsModule {}
