import { Module } from '@nestjs/common';

/** The query side of the api: what reporting services and auditors read. */
@Module({})
export class QueriesModule {}
