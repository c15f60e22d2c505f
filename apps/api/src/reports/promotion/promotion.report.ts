import { LEAD_CHANNELS, type Money, type RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import { cnyEquivalent, sumExact, toCents, type CnyEquivalent } from '../../shared/queries/cny-equivalent';

export const PROMOTION_RULES =
  'Seed items 12-13: what each lead channel and each promotion event yielded in the year. Leads registered: projects identified in the ' +
  'year (identifiedOn), with their total investment now, in CNY at the rate in force on that date. Contracts signed: projects signed in ' +
  'the year, with their total investment now, at the rate on the signing date. Business registrations counted: projects counted toward ' +
  "the year's transfer target, with the amount recorded at registration, at the rate on the registration date. The channel and event " +
  'are those recorded now; an event counts only under the channel promotion_event. Events are grouped by id; when projects name one ' +
  'id differently, the name on the most recently identified project is shown and the others are listed.';

export type PromotionMeasure = 'leads' | 'contracts' | 'registrations';
export const PROMOTION_MEASURES: readonly PromotionMeasure[] = ['leads', 'contracts', 'registrations'];

type Entry = {
  project: ProjectLibraryDocument;
  measure: PromotionMeasure;
  date: string;
  amount: Money;
  cny: CnyEquivalent;
};

type Figures = Record<PromotionMeasure, { count: number; amountCny: string; projectIds: string[] }>;

const figures = (entries: readonly Entry[]): Figures => {
  const of = (measure: PromotionMeasure) => {
    const subset = entries.filter((e) => e.measure === measure);
    return {
      count: subset.length,
      amountCny: toCents(sumExact(subset.flatMap((e) => (e.cny.amount === null ? [] : [e.cny.exact])))),
      projectIds: subset.map((e) => e.project._id),
    };
  };
  return { leads: of('leads'), contracts: of('contracts'), registrations: of('registrations') };
};

const eventOf = (p: ProjectLibraryDocument) => (p.leadChannel === 'promotion_event' ? p.promotionEvent : null);

/** The name shown for an event id: the most recently identified project's (a name, if any project gave one). */
const eventNames = (projects: readonly ProjectLibraryDocument[]) => {
  const named = projects
    .filter((p) => eventOf(p)?.name)
    .sort(
      (a, b) =>
        b.identifiedOn.localeCompare(a.identifiedOn) ||
        b.createdAt.localeCompare(a.createdAt) ||
        a._id.localeCompare(b._id),
    );
  const name = named.length === 0 ? null : eventOf(named[0])!.name;
  const otherNames = [...new Set(named.map((p) => eventOf(p)!.name!))].filter((n) => n !== name).sort();
  return { name, otherNames };
};

/** What the promotion work yielded in the year (seed items 12-13): by lead channel and by promotion event. Pure. */
export const promotionReport = (year: number, projects: readonly ProjectLibraryDocument[], rates: RateTable) => {
  const inYear = (date: string | null): date is string => date !== null && date.startsWith(`${year}-`);
  const entry = (project: ProjectLibraryDocument, measure: PromotionMeasure, date: string, amount: Money): Entry => ({
    project,
    measure,
    date,
    amount,
    cny: cnyEquivalent(amount, date, rates),
  });
  const entries: Entry[] = projects
    .flatMap((p) => [
      ...(inYear(p.identifiedOn) ? [entry(p, 'leads', p.identifiedOn, p.totalInvestment)] : []),
      ...(inYear(p.signedOn) ? [entry(p, 'contracts', p.signedOn, p.totalInvestment)] : []),
      ...(p.countsTowardTarget && p.targetYear === year && p.businessRegistration !== null
        ? [entry(p, 'registrations', p.businessRegistration.registeredOn, p.businessRegistration.totalInvestment)]
        : []),
    ])
    .sort((a, b) => a.date.localeCompare(b.date) || a.project._id.localeCompare(b.project._id));

  const eventIds = [...new Set(entries.flatMap((e) => (eventOf(e.project) ? [eventOf(e.project)!.id] : [])))];
  const byEvent = eventIds
    .map((eventId) => {
      const ofEvent = entries.filter((e) => eventOf(e.project)?.id === eventId);
      const eventProjects = [...new Map(ofEvent.map((e) => [e.project._id, e.project])).values()];
      return { eventId, ...eventNames(eventProjects), ...figures(ofEvent) };
    })
    .sort(
      (a, b) =>
        b.registrations.count - a.registrations.count ||
        b.contracts.count - a.contracts.count ||
        b.leads.count - a.leads.count ||
        a.eventId.localeCompare(b.eventId),
    );

  return {
    year,
    rules: PROMOTION_RULES,
    totals: figures(entries),
    byChannel: LEAD_CHANNELS.map(({ code, en, zh }) => ({
      channel: code,
      name: { en, zh },
      ...figures(entries.filter((e) => e.project.leadChannel === code)),
    })),
    byEvent,
    /** One line per project and measure: the figures behind every count, with the amount and the rate used. */
    projects: entries.map((e) => ({
      projectId: e.project._id,
      name: e.project.name,
      city: e.project.city,
      leadChannel: e.project.leadChannel,
      promotionEvent: eventOf(e.project),
      measure: e.measure,
      date: e.date,
      amount: e.amount,
      amountCny: e.cny,
    })),
    /** Lines whose amount could not be converted (no rate on their date): counted, not in the sums. */
    unconverted: entries
      .filter((e) => e.cny.amount === null)
      .map((e) => ({ projectId: e.project._id, measure: e.measure })),
  };
};

export type PromotionReport = ReturnType<typeof promotionReport>;
