import type { RecordedEvent } from '@itp/event-store';
import type { InvestorEvent, ProjectBusinessRegistered, ProjectDetailsAmended, ProjectRegistered } from '@itp/domain';
import type { Projection } from '../projection';
import { domainEvent } from '../shared/domain-event';
import type { InvestorLibraryDocument, InvestorRegistration } from './investor-library.document';

type Handled = InvestorEvent | ProjectRegistered | ProjectBusinessRegistered | ProjectDetailsAmended;

const HANDLES: readonly Handled['type'][] = [
  'InvestorRegistered',
  'InvestorDetailsAmended',
  'ProjectRegistered',
  'ProjectBusinessRegistered',
  'ProjectDetailsAmended',
];

const documentIds = (recorded: RecordedEvent): string[] => {
  const event = domainEvent<Handled>(recorded);
  if (event.type !== 'ProjectDetailsAmended') return [event.data.investorId];
  const { changes, previous } = event.data;
  // Only a change of investor moves the project between two firms' documents.
  return changes.investorId !== undefined && previous.investorId !== undefined
    ? [previous.investorId, changes.investorId]
    : [];
};

const evolve = (document: InvestorLibraryDocument | null, recorded: RecordedEvent): InvestorLibraryDocument | null => {
  const event = domainEvent<Handled>(recorded);
  if (event.type === 'InvestorRegistered') {
    const { investorId, registeredByUnit, name, country, unifiedSocialCreditCode, rankings } = event.data;
    return {
      _id: investorId,
      investorId,
      name,
      country,
      unifiedSocialCreditCode,
      rankings: [...rankings],
      registeredByUnit,
      projectIds: document?.projectIds ?? [],
      registrations: document?.registrations ?? [],
      firstRegistration: document?.firstRegistration ?? null,
      amendments: 0,
      revision: recorded.revision,
      createdAt: recorded.recordedAt,
      updatedAt: recorded.recordedAt,
    };
  }
  // The command side checks that the investor exists before a project names it: a missing one is ignored.
  if (document === null) return null;
  const doc = { ...document, updatedAt: recorded.recordedAt };
  switch (event.type) {
    case 'InvestorDetailsAmended': {
      const { changes } = event.data;
      return {
        ...doc,
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.country !== undefined && { country: changes.country }),
        ...(changes.unifiedSocialCreditCode !== undefined && {
          unifiedSocialCreditCode: changes.unifiedSocialCreditCode,
        }),
        ...(changes.rankings !== undefined && { rankings: [...changes.rankings] }),
        amendments: doc.amendments + 1,
        revision: recorded.revision,
      };
    }
    case 'ProjectRegistered':
      return { ...doc, projectIds: withId(doc.projectIds, event.data.projectId) };
    case 'ProjectDetailsAmended': {
      const { projectId, changes } = event.data;
      const projectIds =
        doc._id === changes.investorId
          ? withId(doc.projectIds, projectId)
          : doc.projectIds.filter((id) => id !== projectId);
      return { ...doc, projectIds };
    }
    case 'ProjectBusinessRegistered': {
      const { projectId, registeredOn } = event.data;
      const registrations = [
        ...doc.registrations.filter((r) => r.projectId !== projectId),
        { projectId, registeredOn },
      ].sort(byDateThenProject);
      return { ...doc, registrations, firstRegistration: registrations[0] };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown investor-library event ${JSON.stringify(unknown)}`);
    }
  }
};

const withId = (ids: string[], id: string): string[] => (ids.includes(id) ? ids : [...ids, id]);

const byDateThenProject = (a: InvestorRegistration, b: InvestorRegistration): number =>
  a.registeredOn < b.registeredOn
    ? -1
    : a.registeredOn > b.registeredOn
      ? 1
      : a.projectId < b.projectId
        ? -1
        : a.projectId > b.projectId
          ? 1
          : 0;

/** 客商资源库: investors, their rankings and their projects (what the Fortune 500 / top-100 count reads). */
export const investorLibraryProjection: Projection<InvestorLibraryDocument> = {
  name: 'investor-library',
  // 2: documents carry registeredByUnit
  version: 2,
  collection: 'investor_library',
  handles: new Set<string>(HANDLES),
  documentIds,
  evolve,
  indexes: [
    // GET /investors (ranking, country; sorted by name) and the targets' Fortune 500 / top-100 firms.
    { keys: { rankings: 1 } },
    { keys: { country: 1 } },
    { keys: { name: 1, _id: 1 } },
  ],
};
