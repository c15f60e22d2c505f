import type { DomainEvent } from '../shared/messages';
import { eventCatalogue, FIRST_SCHEMA } from '../shared/event-catalogue';

/** Every publication is one event of this one stream: a register read back in full to list them. */
export const PUBLICATIONS_STREAM_ID = 'publications';

/** The reports that can be published: the four of the report catalogue. */
export const PUBLISHABLE_REPORTS = ['targets', 'monthly-dispatch', 'quarterly-bulletin', 'assessment'] as const;
export type PublishableReport = (typeof PUBLISHABLE_REPORTS)[number];

/**
 * A report frozen as it was computed: its parameters, the position of the log it was computed at (every event up
 * to it, none after), and the SHA-256 of its RFC 8785 canonical JSON. Re-proven by recomputing it at `position`.
 */
export type ReportPublished = DomainEvent<
  'ReportPublished',
  {
    publicationId: string;
    report: PublishableReport;
    parameters: Record<string, string>;
    position: number;
    /** The recorded time of the event at `position` (null at 0). */
    positionRecordedAt: string | null;
    sha256: string;
    /** The day it was published (Asia/Shanghai). */
    publishedOn: string;
  }
>;

export type PublicationEvent = ReportPublished;
export const PUBLICATION_EVENTS = eventCatalogue<PublicationEvent>({ ReportPublished: FIRST_SCHEMA });
