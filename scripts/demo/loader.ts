import { sendCommand, Tally, type ApiRequest, type Send } from './client';
import { CHANG_ZHU_TAN_PROJECTS } from './data/projects-chang-zhu-tan';
import { OTHER_CITY_PROJECTS } from './data/projects-other-cities';
import { XIANGNAN_PROJECTS } from './data/projects-xiangnan';
import { creditCodeOf, EXCHANGE_RATES, INVESTORS, PARKS, RATE_SOURCE } from './data/reference-data';
import { dispatchSortKey, progressSeries, type DemoProject, type Step } from './data/story';

/** Every Idempotency-Key of the demo starts with this: the api derives command and created ids from the keys. */
export const DEMO_KEY_PREFIX = 'demo-2014';
const keyOf = (...parts: string[]) => [DEMO_KEY_PREFIX, ...parts].join(':');

export const DEMO_PROJECTS: DemoProject[] = [...CHANG_ZHU_TAN_PROJECTS, ...XIANGNAN_PROJECTS, ...OTHER_CITY_PROJECTS];

/** The kinds of record counted in the summary, in the order printed. */
export const KINDS = [
  'exchange rates',
  'parks',
  'investors',
  'park upgrades',
  'factory completions',
  'projects registered',
  'stage moves',
  'contracts signed',
  'business registrations',
  'Xiangnan batch assignments',
  'monthly progress reports',
  'problems raised',
  'problems resolved',
  'suspensions',
  'resumptions',
  'abandonments',
  'amendments',
] as const;
type Kind = (typeof KINDS)[number];

type Ids = {
  parks: Map<string, string>;
  investors: Map<string, string>;
  projects: Map<string, string>;
  problems: Map<string, string>;
};
type Command = (kind: Kind, request: ApiRequest) => Promise<{ id: string; problemId?: string }>;
/**
 * One command of the year, run in business-date order with the others: `on` orders it, `day` is the day it is
 * recorded on (its business date; a month's progress figure on the month's last day, after that day's steps).
 */
type Scheduled = { on: string; day: string; run: (command: Command, ids: Ids) => Promise<void> };

/** The first working day of 2014: the rate table starts then, and the demo's parks and investors are on file. */
export const DEMO_YEAR_START = EXCHANGE_RATES[0].effectiveOn;

export interface LoadOptions {
  log?: (line: string) => void;
  tally?: Tally;
  /**
   * 'reference-first' (`npm run demo`): the whole rate table, the parks and the investors, then the year's commands
   * in business-date order. 'as-recorded': as the commands would have arrived during 2014, each on its day: the
   * parks and investors on the first working day, each rate on the day it takes effect, among the year's commands.
   */
  order?: 'reference-first' | 'as-recorded';
  /** Called before each command with the day it is recorded on (see Scheduled), e.g. to set a clock. */
  beforeCommand?: (day: string) => void;
}

const need = (map: Map<string, string>, slug: string, what: string): string => {
  const id = map.get(slug);
  if (!id) throw new Error(`demo data: unknown ${what} "${slug}"`);
  return id;
};

/**
 * Loads the 2014 demo through the command API: exchange rates, parks, investors, then every dated event of
 * the year (park upgrades, factory completions, project steps, monthly dispatch) in business-date order.
 * Idempotent: every command carries a stable Idempotency-Key, so a second run appends nothing.
 * Stops at the first refused command (a DemoLoadError with the problem details).
 */
export async function loadDemoData(send: Send, options: LoadOptions = {}): Promise<Tally> {
  const log = options.log ?? (() => undefined);
  const tally = options.tally ?? new Tally();
  const ids: Ids = { parks: new Map(), investors: new Map(), projects: new Map(), problems: new Map() };
  const command: Command = (kind, request) => sendCommand(send, tally, kind, request);
  const run = async (scheduled: Scheduled) => {
    options.beforeCommand?.(scheduled.day);
    await scheduled.run(command, ids);
  };

  // Array.prototype.sort is stable: commands of one day keep the order they are written in.
  const byDate = (list: Scheduled[]) => list.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const reference = referenceTimeline();
  const year = [...parkTimeline(), ...DEMO_PROJECTS.flatMap(projectTimeline)];
  let timeline: Scheduled[];
  if (options.order === 'as-recorded') timeline = byDate([...reference, ...year]);
  else {
    for (const scheduled of reference) await run(scheduled);
    timeline = byDate(year);
  }
  log(`reference data: ${EXCHANGE_RATES.length} exchange rates, ${PARKS.length} parks, ${INVESTORS.length} investors`);

  let month = '';
  let inMonth = 0;
  for (const scheduled of timeline) {
    if (scheduled.on.slice(0, 7) !== month) {
      if (month) log(`${month}: ${inMonth} commands`);
      [month, inMonth] = [scheduled.on.slice(0, 7), 0];
    }
    await run(scheduled);
    inMonth += 1;
  }
  if (month) log(`${month}: ${inMonth} commands`);
  return tally;
}

/** The rate table (each rate on the day it takes effect), then the parks and investors (on the year's first day). */
const referenceTimeline = (): Scheduled[] => [
  ...EXCHANGE_RATES.map(({ effectiveOn, rate }) => ({
    on: effectiveOn,
    day: effectiveOn,
    run: async (command: Command) => {
      const body = { base: 'USD', quote: 'CNY', rate, effectiveOn, source: RATE_SOURCE };
      await command('exchange rates', {
        method: 'POST',
        path: '/api/v1/exchange-rates',
        body,
        idempotencyKey: keyOf('exchange-rate', 'USD-CNY', effectiveOn),
      });
    },
  })),
  ...PARKS.map((park) => ({
    on: DEMO_YEAR_START,
    day: DEMO_YEAR_START,
    run: async (command: Command, ids: Ids) => {
      const body = {
        name: park.name,
        city: park.city,
        level: park.level,
        ...(park.levelApprovedOn ? { levelApprovedOn: park.levelApprovedOn } : {}),
      };
      const answer = await command('parks', {
        method: 'POST',
        path: '/api/v1/parks',
        body,
        idempotencyKey: keyOf('park', park.slug),
      });
      ids.parks.set(park.slug, answer.id);
    },
  })),
  ...INVESTORS.map((investor) => ({
    on: DEMO_YEAR_START,
    day: DEMO_YEAR_START,
    run: async (command: Command, ids: Ids) => {
      const code = creditCodeOf(investor);
      const body = {
        name: investor.name,
        country: investor.country,
        rankings: investor.rankings,
        ...(code ? { unifiedSocialCreditCode: code } : {}),
      };
      const answer = await command('investors', {
        method: 'POST',
        path: '/api/v1/investors',
        body,
        idempotencyKey: keyOf('investor', investor.slug),
      });
      ids.investors.set(investor.slug, answer.id);
    },
  })),
];

const parkTimeline = (): Scheduled[] =>
  PARKS.flatMap((park) => [
    ...(park.upgrades ?? []).map(({ level, approvedOn }) => ({
      on: approvedOn,
      day: approvedOn,
      run: async (command: Command, ids: Ids) => {
        const path = `/api/v1/parks/${need(ids.parks, park.slug, 'park')}/upgrades`;
        await command('park upgrades', {
          method: 'POST',
          path,
          body: { level, approvedOn },
          idempotencyKey: keyOf('park', park.slug, 'upgrade', level),
        });
      },
    })),
    ...(park.factories ?? []).map(([completedOn, area]) => ({
      on: completedOn,
      day: completedOn,
      run: async (command: Command, ids: Ids) => {
        const path = `/api/v1/parks/${need(ids.parks, park.slug, 'park')}/factory-completions`;
        const body = {
          floorAreaSqm: String(area),
          completedOn,
          description: `Standard factory buildings completed in ${park.name}`,
        };
        await command('factory completions', {
          method: 'POST',
          path,
          body,
          idempotencyKey: keyOf('park', park.slug, 'factory', completedOn),
        });
      },
    })),
  ]);

/** '2014-06' -> '2014-06-30'. */
const lastDayOf = (month: string): string => {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
};

const STAGE_KEYS = {
  negotiation: 'negotiation',
  landing: 'landing',
  construction: 'construction',
  production: 'production',
  operation: 'operation',
} as const;

/** The commands of one project: its registration, its steps, and the monthly dispatch from the month of signing. */
function projectTimeline(project: DemoProject): Scheduled[] {
  const key = (...parts: string[]) => keyOf('project', project.slug, ...parts);
  const steps = project.steps.flat();
  const signed = steps.find((step) => step.kind === 'contract');
  if (project.progress && !signed) throw new Error(`demo data: ${project.slug} reports progress but never signs`);

  const registration: Scheduled = {
    on: project.lead.on,
    day: project.lead.on,
    run: async (command, ids) => {
      const { slug: _slug, investor, park, lead, steps: _steps, progress: _progress, ...details } = project;
      const body = {
        ...details,
        investorId: need(ids.investors, investor, 'investor'),
        ...(park ? { parkId: need(ids.parks, park, 'park') } : {}),
        stage: lead.stage,
        identifiedOn: lead.on,
      };
      const answer = await command('projects registered', {
        method: 'POST',
        path: '/api/v1/projects',
        body,
        idempotencyKey: key('registration'),
      });
      ids.projects.set(project.slug, answer.id);
    },
  };
  const onProject =
    (
      kind: Kind,
      resource: string,
      body: Record<string, unknown>,
      idempotencyKey: string,
      method: 'POST' | 'PATCH' = 'POST',
    ) =>
    async (command: Command, ids: Ids) => {
      const path = `/api/v1/projects/${need(ids.projects, project.slug, 'project')}${resource}`;
      return command(kind, { method, path, body, idempotencyKey });
    };
  const toScheduled = (step: Step): Scheduled => {
    const at = (run: (command: Command, ids: Ids) => Promise<unknown>): Scheduled => ({
      on: step.on,
      day: step.on,
      run: async (c, i) => void (await run(c, i)),
    });
    switch (step.kind) {
      case 'stage':
        return at(onProject('stage moves', `/${step.stage}`, { reachedOn: step.on }, key(STAGE_KEYS[step.stage])));
      case 'contract':
        return at(onProject('contracts signed', '/contract', { signedOn: step.on }, key('contract')));
      case 'business-registration':
        return at(
          onProject(
            'business registrations',
            '/business-registration',
            { registeredOn: step.on },
            key('business-registration'),
          ),
        );
      case 'suspension':
        return at(
          onProject(
            'suspensions',
            '/suspension',
            { reason: step.reason, suspendedOn: step.on },
            key('suspension', step.on),
          ),
        );
      case 'resumption':
        return at(
          onProject(
            'resumptions',
            '/resumption',
            { resumedOn: step.on, ...(step.note ? { note: step.note } : {}) },
            key('resumption', step.on),
          ),
        );
      case 'abandonment':
        return at(
          onProject('abandonments', '/abandonment', { reason: step.reason, abandonedOn: step.on }, key('abandonment')),
        );
      case 'xiangnan-batch':
        return at(
          onProject(
            'Xiangnan batch assignments',
            '/demonstration-zone-batch',
            { batch: step.batch, assignedOn: step.on },
            key('xiangnan-batch'),
          ),
        );
      case 'problem':
        return at(async (command, ids) => {
          const body = {
            title: step.title,
            description: step.description,
            assignedUnit: step.assignedUnit,
            raisedOn: step.on,
          };
          const answer = await onProject(
            'problems raised',
            '/problems',
            body,
            key('problem', step.problem),
          )(command, ids);
          if (!answer.problemId)
            throw new Error(`the api did not answer a problemId for ${project.slug}/${step.problem}`);
          ids.problems.set(`${project.slug}/${step.problem}`, answer.problemId);
        });
      case 'resolution':
        return at((command, ids) => {
          const problemId = need(ids.problems, `${project.slug}/${step.problem}`, 'problem');
          const body = { resolution: step.resolution, resolvedOn: step.on };
          return onProject(
            'problems resolved',
            `/problems/${problemId}/resolution`,
            body,
            key('problem', step.problem, 'resolution'),
          )(command, ids);
        });
      case 'amendment':
        return at((command, ids) => {
          const { investor, park, ...changes } = step.changes;
          const body = {
            reason: step.reason,
            ...changes,
            ...(investor ? { investorId: need(ids.investors, investor, 'investor') } : {}),
            ...(park ? { parkId: need(ids.parks, park, 'park') } : {}),
          };
          return onProject('amendments', '', body, key('amendment', step.amendment), 'PATCH')(command, ids);
        });
    }
  };
  const progress = signed
    ? progressSeries(project, signed.on).map(({ month, amount }): Scheduled => ({
        on: dispatchSortKey(month),
        day: lastDayOf(month),
        run: async (command, ids) => {
          await onProject(
            'monthly progress reports',
            '/progress-reports',
            { month, investmentCompletedToDate: amount },
            key('progress', month),
          )(command, ids);
        },
      }))
    : [];
  return [registration, ...steps.map(toScheduled), ...progress];
}
