import { AlreadyExistsError } from '../shared/domain-errors';
import type { Decider } from '../shared/messages';
import { FieldErrors } from '../shared/validation';
import type { PublicationCommand, PublishReport } from './publication.commands';
import { PUBLISHABLE_REPORTS, type PublicationEvent, type ReportPublished } from './publication.events';

/** The register: the publications recorded so far, by id, with what each froze. */
export type Publications = { readonly byId: ReadonlyMap<string, ReportPublished['data']> };

export const initialPublicationsState = (): Publications => ({ byId: new Map() });

export const evolvePublications = (state: Publications, event: PublicationEvent): Publications => {
  switch (event.type) {
    case 'ReportPublished':
      return { byId: new Map(state.byId).set(event.data.publicationId, event.data) };
    default: {
      const unknown: never = event.type;
      throw new Error(`Unknown publication event ${String(unknown)}`);
    }
  }
};

const SHA256 = /^[0-9a-f]{64}$/;

const sameFreeze = (a: ReportPublished['data'], b: PublishReport['data']): boolean =>
  a.report === b.report &&
  a.position === b.position &&
  a.sha256 === b.sha256 &&
  JSON.stringify(a.parameters) === JSON.stringify(b.parameters);

const publishReport = ({ data }: PublishReport, state: Publications): ReportPublished[] => {
  const errors = new FieldErrors();
  if (typeof data.publicationId !== 'string' || data.publicationId.length === 0 || data.publicationId.length > 100)
    errors.add('publicationId', 'must be a non-empty id of at most 100 characters');
  if (!(PUBLISHABLE_REPORTS as readonly string[]).includes(data.report))
    errors.add('report', `must be one of ${PUBLISHABLE_REPORTS.join(', ')}`);
  if (!Number.isSafeInteger(data.position) || data.position < 0)
    errors.add('position', 'must be a position of the log (an integer >= 0)');
  if (typeof data.sha256 !== 'string' || !SHA256.test(data.sha256))
    errors.add('sha256', 'must be a SHA-256 in lower-case hex');
  if (data.parameters === null || typeof data.parameters !== 'object')
    errors.add('parameters', 'must be the report parameters');
  errors.throwIfAny();
  const existing = state.byId.get(data.publicationId);
  if (existing !== undefined) {
    if (sameFreeze(existing, data)) return []; // the same publication again: nothing new
    throw new AlreadyExistsError('publication', data.publicationId);
  }
  const { recordedOn, ...frozen } = data;
  return [{ type: 'ReportPublished', data: { ...frozen, publishedOn: recordedOn } }];
};

export const publicationsDecider: Decider<PublicationCommand, PublicationEvent, Publications> = {
  initialState: initialPublicationsState,
  decide: (command, state) => {
    switch (command.type) {
      case 'PublishReport':
        return publishReport(command, state);
      default: {
        const unknown: never = command.type;
        throw new Error(`Unknown publication command ${String(unknown)}`);
      }
    }
  },
  evolve: evolvePublications,
};
