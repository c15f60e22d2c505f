import type { RecordedEvent } from '@itp/event-store';
import type { ProjectDetailChanges, ProjectEvent } from '@itp/domain';
import { cityName, domainEvent } from '../shared/domain-event';
import {
  newProjectDocument,
  type ProblemSummary,
  type ProgressEntry,
  type ProjectLibraryDocument,
} from './project-library.document';

/** Folds one project event into its library document. Pure; events of an unknown project are ignored. */
export const evolveProjectLibrary = (
  document: ProjectLibraryDocument | null,
  recorded: RecordedEvent,
): ProjectLibraryDocument | null => {
  const event = domainEvent<ProjectEvent>(recorded);
  if (event.type === 'ProjectRegistered') return newProjectDocument(event.data, recorded.revision, recorded.recordedAt);
  if (document === null) return null;
  const doc: ProjectLibraryDocument = { ...document, revision: recorded.revision, updatedAt: recorded.recordedAt };
  switch (event.type) {
    case 'ProjectStageAdvanced': {
      const { to, reachedOn } = event.data;
      return {
        ...doc,
        stage: to,
        stageReachedOn: { ...doc.stageReachedOn, [to]: reachedOn },
        landedOn: to === 'landed' ? reachedOn : doc.landedOn,
      };
    }
    case 'ProjectContractSigned': {
      const { signedOn } = event.data;
      return { ...doc, stage: 'signed', signedOn, stageReachedOn: { ...doc.stageReachedOn, signed: signedOn } };
    }
    case 'ProjectBusinessRegistered': {
      const { projectId: _projectId, introducers, totalInvestment, ...registration } = event.data;
      return {
        ...doc,
        registeredOn: registration.registeredOn,
        targetYear: registration.targetYear,
        countsTowardTarget: registration.countsTowardTarget,
        businessRegistration: {
          ...registration,
          totalInvestment: { ...totalInvestment },
          introducers: introducers.map(({ unit, share }) => ({ unit, share })),
        },
      };
    }
    case 'ProjectSuspended': {
      const { suspendedOn, stage, reason } = event.data;
      return {
        ...doc,
        status: 'suspended',
        suspensions: [...doc.suspensions, { suspendedOn, stage, reason, resumedOn: null, resumeNote: null }],
      };
    }
    case 'ProjectResumed': {
      const { resumedOn, note } = event.data;
      const suspensions = doc.suspensions.map((s, i) =>
        i === doc.suspensions.length - 1 ? { ...s, resumedOn, resumeNote: note } : s,
      );
      return { ...doc, status: 'active', suspensions };
    }
    case 'ProjectAbandoned': {
      const { abandonedOn, stage, wasSuspended, reason } = event.data;
      return { ...doc, status: 'abandoned', abandonment: { abandonedOn, stage, wasSuspended, reason } };
    }
    case 'ProjectMonthlyProgressReported':
      return withProgress(doc, {
        month: event.data.month,
        investmentCompletedToDate: { ...event.data.investmentCompletedToDate },
        correction: null,
        recordedAt: recorded.recordedAt,
      });
    case 'ProjectMonthlyProgressCorrected': {
      const { month, investmentCompletedToDate, previous, reason } = event.data;
      return withProgress(doc, {
        month,
        investmentCompletedToDate: { ...investmentCompletedToDate },
        correction: { previous: { ...previous }, reason },
        recordedAt: recorded.recordedAt,
      });
    }
    case 'ProjectProblemRaised': {
      const { problemId, title, assignedUnit, raisedOn } = event.data;
      return withProblems(doc, [
        ...doc.problems.filter((p) => p.problemId !== problemId),
        { problemId, title, assignedUnit, raisedOn, resolvedOn: null },
      ]);
    }
    case 'ProjectProblemResolved': {
      const { problemId, resolvedOn } = event.data;
      return withProblems(
        doc,
        doc.problems.map((p) => (p.problemId === problemId ? { ...p, resolvedOn } : p)),
      );
    }
    case 'ProjectAssignedToXiangnanBatch': {
      const { projectId: _projectId, ...xiangnan } = event.data;
      return { ...doc, xiangnan };
    }
    case 'ProjectDetailsAmended': {
      const { changes, reason } = event.data;
      const fields = Object.keys(changes);
      return {
        ...withDetails(doc, changes),
        amendments: doc.amendments + 1,
        lastAmendment: { fields, reason, recordedAt: recorded.recordedAt },
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown project event ${JSON.stringify(unknown)}`);
    }
  }
};

/**
 * Re-reporting a month replaces its figure: the series keeps one entry per month, ascending. A new month after
 * the last one (nearly every report) is appended as is: a rebuild folds the whole series once per report.
 */
const withProgress = (doc: ProjectLibraryDocument, entry: ProgressEntry): ProjectLibraryDocument => {
  const last = doc.progress.at(-1);
  if (last === undefined || last.month < entry.month) return { ...doc, progress: [...doc.progress, entry] };
  return {
    ...doc,
    progress: [...doc.progress.filter((p) => p.month !== entry.month), entry].sort((a, b) =>
      a.month < b.month ? -1 : 1,
    ),
  };
};

const withProblems = (doc: ProjectLibraryDocument, problems: ProblemSummary[]): ProjectLibraryDocument => {
  const open = problems.filter((p) => p.resolvedOn === null).length;
  return { ...doc, problems, openProblems: open, resolvedProblems: problems.length - open };
};

const withDetails = (doc: ProjectLibraryDocument, changes: ProjectDetailChanges): ProjectLibraryDocument => {
  const next = { ...doc };
  if (changes.name !== undefined) next.name = changes.name;
  if (changes.investorId !== undefined) next.investorId = changes.investorId;
  if (changes.city !== undefined) {
    next.city = changes.city;
    next.cityName = cityName(changes.city);
  }
  if (changes.parkId !== undefined) next.parkId = changes.parkId;
  if (changes.industry !== undefined) next.industry = changes.industry;
  if (changes.capitalType !== undefined) next.capitalType = changes.capitalType;
  if (changes.totalInvestment !== undefined) next.totalInvestment = { ...changes.totalInvestment };
  if (changes.sourceRegions !== undefined) next.sourceRegions = [...changes.sourceRegions];
  if (changes.leadChannel !== undefined) next.leadChannel = changes.leadChannel;
  if (changes.promotionEvent !== undefined)
    next.promotionEvent = changes.promotionEvent ? { ...changes.promotionEvent } : null;
  if (changes.introducers !== undefined) {
    next.introducers = changes.introducers.map(({ unit, share }) => ({ unit, share }));
    next.introducerUnits = changes.introducers.map((i) => i.unit);
  }
  return next;
};
