import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@itp/platform';
import type { ProjectionFreshness } from '../projections/projection-freshness.service';
import type { ExportContext, ExportDocument } from '../shared/exports/export-model';
import { XLSX_MEDIA_TYPE } from '../shared/exports/export-format';
import type { ExportStamp } from '../shared/exports/export-stamp.service';
import { asOfStampText, type AsOfRead, type AsOfReadModels } from '../shared/queries/as-of-read-models';
import type { ReadModels } from '../shared/queries/read-models';
import { ReadScope } from '../shared/queries/read-scope';
import type { ReportDefinition, ReportParameters } from './report-catalogue';
import { ReportAnswers, type ReportRequest } from './report-answers';

const NOW = new Date('2015-01-01T00:00:00Z');
const READS = ['projects', 'rates'];
const live = { name: 'live read models' } as unknown as ReadModels;
const past: AsOfRead = {
  readModels: { name: 'read models as of June' } as unknown as ReadModels,
  position: 120,
  recordedAt: '2014-06-30T08:00:00.000Z',
  instant: '2014-06-30T16:00:00.000Z',
};
const scope = ReadScope.of({ keyId: 'k', actor: 'a', role: 'reporter', unit: 'u', cities: ['430100'] } as Principal);

/** A report definition that records how it was prepared and computed, and exports one empty table. */
const recordingDefinition = () => {
  const seen: { prepared?: [ReportParameters, Date, number]; read?: ReadModels; scope?: ReadScope } = {};
  const exported: ExportContext[] = [];
  const definition: ReportDefinition<{ figure: number }> = {
    reads: READS,
    required: ['year'],
    optional: [],
    prepare: (parameters, now, dueDay) => {
      seen.prepared = [parameters, now, dueDay];
      return async (readModels, readScope) => {
        Object.assign(seen, { read: readModels, scope: readScope });
        return {
          report: { figure: 42 },
          document: (context): ExportDocument => {
            exported.push(context);
            const fileName = { ascii: 'report', zh: '报表' };
            return { title: '报表', period: '2014年', asOf: context.asOf, scope: '全省', fileName, tables: [] };
          },
        };
      };
    },
  };
  return { definition, seen, exported };
};

const answers = () => {
  const asOf = { forQuery: jest.fn(async (query: { asOf?: string }) => (query.asOf ? past : null)) };
  const freshness = { ensure: jest.fn(async () => undefined) };
  const stamp = { of: jest.fn(async () => ({ position: 99, at: NOW, text: 'read live at position 99' })) };
  const service = new ReportAnswers(
    live,
    asOf as unknown as AsOfReadModels,
    freshness as unknown as ProjectionFreshness,
    stamp as unknown as ExportStamp,
    10,
    () => NOW,
  );
  return { service, asOf, freshness, stamp };
};

const reply = {} as FastifyReply;
const request = (query: ReportRequest['query'], accept?: string): ReportRequest => ({ query, accept, scope, reply });

describe('a report endpoint', () => {
  describe('given no as-of bound', () => {
    it('waits for minPosition on the live read models, then answers the report for the key as JSON', async () => {
      const { service, asOf, freshness, stamp } = answers();
      const { definition, seen } = recordingDefinition();

      const answer = await service.answer(definition, { year: '2014' }, request({ minPosition: 7 }));

      expect(answer).toEqual({ figure: 42 });
      expect(asOf.forQuery).toHaveBeenCalledWith({ minPosition: 7 }, READS, reply);
      expect(freshness.ensure).toHaveBeenCalledWith(7, READS);
      expect(stamp.of).not.toHaveBeenCalled();
      expect(seen).toEqual({ prepared: [{ year: '2014' }, NOW, 10], read: live, scope });
    });

    it("exports a CSV stamped with what the live read models had folded, in the key's scope", async () => {
      const { service, stamp } = answers();
      const { definition, exported } = recordingDefinition();

      const answer = await service.answer(definition, { year: '2014' }, request({ format: 'csv' }));

      expect(answer).toBeInstanceOf(StreamableFile);
      expect((answer as StreamableFile).getHeaders().type).toMatch(/^text\/csv/);
      expect(stamp.of).toHaveBeenCalledWith(READS);
      expect(exported).toEqual([{ asOf: 'read live at position 99', scope: ['430100'] }]);
    });
  });

  describe('given an as-of instant', () => {
    it("reads the read models as of it, without waiting, its instant the report's now", async () => {
      const { service, freshness } = answers();
      const { definition, seen } = recordingDefinition();

      const answer = await service.answer(definition, { year: '2014' }, request({ asOf: past.instant! }));

      expect(answer).toEqual({ figure: 42 });
      expect(freshness.ensure).not.toHaveBeenCalled();
      expect(seen).toEqual({ prepared: [{ year: '2014' }, new Date(past.instant!), 10], read: past.readModels, scope });
    });

    it('exports the xlsx asked for by Accept, stamped with the instant and position it reflects', async () => {
      const { service, stamp } = answers();
      const { definition, exported } = recordingDefinition();

      const answer = await service.answer(
        definition,
        { year: '2014' },
        request({ asOf: past.instant! }, XLSX_MEDIA_TYPE),
      );

      expect((answer as StreamableFile).getHeaders().type).toBe(XLSX_MEDIA_TYPE);
      expect(stamp.of).not.toHaveBeenCalled();
      expect(exported).toEqual([{ asOf: asOfStampText(past), scope: ['430100'] }]);
    });
  });
});
