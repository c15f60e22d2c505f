import type { Command } from '../shared/messages';
import type { LocalDate } from '../shared/local-date';
import type { PublishableReport } from './publication.events';

/** Freezes a report the api computed at `position`, by the hash of its canonical JSON. */
export type PublishReport = Command<
  'PublishReport',
  {
    publicationId: string;
    report: PublishableReport;
    parameters: Record<string, string>;
    position: number;
    positionRecordedAt: string | null;
    sha256: string;
    recordedOn: LocalDate;
  }
>;

export type PublicationCommand = PublishReport;
