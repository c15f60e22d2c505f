import { LEAD_CHANNELS, type Money, type RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import type { Derivation } from '@itp/read-store';
import { cnyEquivalent, sumExact, toCents, type CnyEquivalent } from '../../shared/queries/cny-equivalent';

export const PROMOTION_RULES =
  'Seed items 12-13: what each lead channel and each promotion event yielded in the year. Leads registered: projects identified in the ' +
  'year (identifiedOn), with their total investment now, in CNY at the rate in force on that date. Contracts signed: projects signed in ' +
  'the year, with their total investment now, at the rate on the signing date. Business registrations counted: projects counted toward ' +
  "the year's transfer target, with the amount recorded at registration, at the rate on the registration date. The channel and event " +
  'are those recorded now; an event counts only under the channel promotion_event. Events are grouped by id; when projects name one ' +
  'id differently, the name on the most recently identified project is shown and the others are listed.';

/**
 * What the report reads of a project, and all the store hands it: copying the other fields of the projects it
 * reads (about 35 a document) was a tenth of the report's time at 10,000 projects.
 */
export const PROMOTION_FIELDS = {
  _id: 1,
  name: 1,
  city: 1,
  leadChannel: 1,
  promotionEvent: 1,
  identifiedOn: 1,
  signedOn: 1,
  totalInvestment: 1,
  countsTowardTarget: 1,
  targetYear: 1,
  businessRegistration: 1,
  createdAt: 1,
} as const;

/** A project as the report reads it. */
export type PromotionProject = Pick<ProjectLibraryDocument, keyof typeof PROMOTION_FIELDS>;

export type PromotionMeasure = 'leads' | 'contracts' | 'registrations';
export const PROMOTION_MEASURES: readonly PromotionMeasure[] = ['leads', 'contracts', 'registrations'];

/** One line of the report: a project counted under one measure, with its amount in CNY and the line shown. */
export type PromotionEntry = {
  project: PromotionProject;
  measure: PromotionMeasure;
  date: string;
  cny: CnyEquivalent;
  line: PromotionLine;
};

/** A line of `projects` in the report. */
export type PromotionLine = {
  projectId: string;
  name: string;
  city: string;
  leadChannel: string;
  promotionEvent: ProjectLibraryDocument['promotionEvent'];
  measure: PromotionMeasure;
  date: string;
  amount: Money;
  amountCny: CnyEquivalent;
};

type Figures = Record<PromotionMeasure, { count: number; amountCny: string; projectIds: string[] }>;

/** The three measures' figures of `entries`, in one pass (the report takes them for every channel and event). */
const figures = (entries: readonly PromotionEntry[]): Figures => {
  const parts = Object.fromEntries(
    PROMOTION_MEASURES.map((measure) => [measure, { projectIds: [] as string[], amounts: [] as string[] }]),
  ) as Record<PromotionMeasure, { projectIds: string[]; amounts: string[] }>;
  for (const e of entries) {
    const part = parts[e.measure];
    part.projectIds.push(e.project._id);
    if (e.cny.amount !== null) part.amounts.push(e.cny.exact);
  }
  const of = (measure: PromotionMeasure) => ({
    count: parts[measure].projectIds.length,
    amountCny: toCents(sumExact(parts[measure].amounts)),
    projectIds: parts[measure].projectIds,
  });
  return { leads: of('leads'), contracts: of('contracts'), registrations: of('registrations') };
};

/** `entries` grouped by `key` (undefined: left out), each group in the order of `entries`. */
const groupBy = (
  entries: readonly PromotionEntry[],
  key: (entry: PromotionEntry) => string | undefined,
): Map<string, PromotionEntry[]> => {
  const groups = new Map<string, PromotionEntry[]>();
  for (const entry of entries) {
    const id = key(entry);
    if (id === undefined) continue;
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [entry]);
    else group.push(entry);
  }
  return groups;
};

const eventOf = (p: PromotionProject) => (p.leadChannel === 'promotion_event' ? p.promotionEvent : null);

/** The name shown for an event id: the most recently identified project's (a name, if any project gave one). */
const eventNames = (projects: readonly PromotionProject[]) => {
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

/** A project's lines in the year's report (none, one or up to three measures), each amount in CNY at its date. */
export const promotionEntries = (p: PromotionProject, year: number, rates: RateTable): PromotionEntry[] => {
  const inYear = (date: string | null): date is string => date !== null && date.startsWith(`${year}-`);
  const entry = (measure: PromotionMeasure, date: string, amount: Money): PromotionEntry => {
    const cny = cnyEquivalent(amount, date, rates);
    const line: PromotionLine = {
      projectId: p._id,
      name: p.name,
      city: p.city,
      leadChannel: p.leadChannel,
      promotionEvent: eventOf(p),
      measure,
      date,
      amount,
      amountCny: cny,
    };
    return { project: p, measure, date, cny, line };
  };
  return [
    ...(inYear(p.identifiedOn) ? [entry('leads', p.identifiedOn, p.totalInvestment)] : []),
    ...(inYear(p.signedOn) ? [entry('contracts', p.signedOn, p.totalInvestment)] : []),
    ...(p.countsTowardTarget && p.targetYear === year && p.businessRegistration !== null
      ? [entry('registrations', p.businessRegistration.registeredOn, p.businessRegistration.totalInvestment)]
      : []),
  ];
};

/** The projects the year's report reads: those with a figure in the year (the report applies the rules itself). */
export const promotionFilter = (year: number) => {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  return {
    $or: [
      { identifiedOn: { $gte: from, $lte: to } },
      { signedOn: { $gte: from, $lte: to } },
      { targetYear: year, countsTowardTarget: true },
    ],
  };
};

/**
 * Each project's lines as a derivation of the read store, which may give them again while the project's document
 * stands (the live embedded store does): a warm report converts no amount and copies no project again. The rate
 * table is the basis (the same frozen object while the rates stand).
 */
export const promotionDerivation = (
  year: number,
  rates: RateTable,
): Derivation<ProjectLibraryDocument, PromotionEntry[]> => ({
  key: `promotion|${year}`,
  basis: rates,
  derive: (p) => promotionEntries(p, year, rates),
});

/** What the promotion work yielded in the year (seed items 12-13): by lead channel and by promotion event. Pure. */
export const promotionReport = (year: number, projects: readonly PromotionProject[], rates: RateTable) =>
  promotionFromEntries(
    year,
    projects.flatMap((p) => promotionEntries(p, year, rates)),
  );

/** The report from its projects' lines (each project's in any order). Pure. */
export const promotionFromEntries = (year: number, lines: readonly PromotionEntry[]) => {
  const entries = [...lines]
    // Dates are calendar dates (YYYY-MM-DD, validated on the way in): their code units order them as localeCompare
    // did, without ICU for each of the n log n comparisons.
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.project._id.localeCompare(b.project._id)));

  // Grouped in one pass: a filter of every entry per event cost a third of the report at 10,000 projects.
  const byEvent = [...groupBy(entries, (e) => eventOf(e.project)?.id)]
    .map(([eventId, ofEvent]) => {
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

  const byChannel = groupBy(entries, (e) => e.project.leadChannel);
  return {
    year,
    rules: PROMOTION_RULES,
    totals: figures(entries),
    byChannel: LEAD_CHANNELS.map(({ code, en, zh }) => ({
      channel: code,
      name: { en, zh },
      ...figures(byChannel.get(code) ?? []),
    })),
    byEvent,
    /** One line per project and measure: the figures behind every count, with the amount and the rate used. */
    projects: entries.map((e) => e.line),
    /** Lines whose amount could not be converted (no rate on their date): counted, not in the sums. */
    unconverted: entries
      .filter((e) => e.cny.amount === null)
      .map((e) => ({ projectId: e.project._id, measure: e.measure })),
  };
};

export type PromotionReport = ReturnType<typeof promotionFromEntries>;
