import { CITIES } from '@itp/domain/catalogues/cities';
import { INDUSTRIES } from '@itp/domain/catalogues/industries';
import { CAPITAL_TYPES, LEAD_CHANNELS } from '@itp/domain/catalogues/lead-channels';
import { PARK_LEVELS } from '@itp/domain/catalogues/park-levels';
import { RANKINGS } from '@itp/domain/catalogues/rankings';
import { SOURCE_REGIONS } from '@itp/domain/catalogues/source-regions';
import { PROJECT_STAGES } from '@itp/domain/projects/project-stage';

/** The dashboard's two languages: Chinese by default, English on request. */
export type Lang = 'zh' | 'en';
type Entry = { readonly code: string; readonly zh: string; readonly en: string };

const byCode = (entries: readonly Entry[]): ReadonlyMap<string, Entry> => new Map(entries.map((e) => [e.code, e]));

/** The domain's own catalogues (libs/domain/src), never retyped here. */
const CATALOGUES = {
  city: byCode(CITIES),
  industry: byCode(INDUSTRIES),
  stage: byCode(PROJECT_STAGES),
  sourceRegion: byCode(SOURCE_REGIONS),
  leadChannel: byCode(LEAD_CHANNELS),
  capitalType: byCode(CAPITAL_TYPES),
  parkLevel: byCode(PARK_LEVELS),
  ranking: byCode(RANKINGS),
} as const;

export type Catalogue = keyof typeof CATALOGUES;

/** The label of a code in a catalogue; an unknown code is shown as it is rather than hidden. */
export const catalogueLabel = (catalogue: Catalogue, code: string, lang: Lang): string =>
  CATALOGUES[catalogue].get(code)?.[lang] ?? code;

export const catalogueCodes = (catalogue: Catalogue): string[] => [...CATALOGUES[catalogue].keys()];
