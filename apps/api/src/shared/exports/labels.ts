import {
  type OwedMonth,
  CAPITAL_TYPES,
  CITIES,
  INDUSTRIES,
  LEAD_CHANNELS,
  PARK_LEVELS,
  PROJECT_STAGES,
  RANKINGS,
  SOURCE_REGIONS,
} from '@itp/domain';

/** Chinese labels from the domain's catalogues (never retyped); an unknown code is shown as it is. */
const zhOf =
  (catalogue: readonly { code: string; zh: string }[]) =>
  (code: string | null | undefined): string | null =>
    code === null || code === undefined ? null : (catalogue.find((entry) => entry.code === code)?.zh ?? code);

export const cityZh = zhOf(CITIES);
export const industryZh = zhOf(INDUSTRIES);
export const stageZh = zhOf(PROJECT_STAGES);
export const leadChannelZh = zhOf(LEAD_CHANNELS);
export const capitalTypeZh = zhOf(CAPITAL_TYPES);
export const parkLevelZh = zhOf(PARK_LEVELS);
export const rankingZh = zhOf(RANKINGS);
export const sourceRegionZh = zhOf(SOURCE_REGIONS);

export const listZh = (codes: readonly string[], label: (code: string) => string | null): string =>
  codes.map((code) => label(code) ?? code).join('、');

/**
 * A project's status is not a catalogue of the domain (it is the lifecycle's own state), so its three labels
 * live here, with the words the work plan uses for the stages around them.
 */
const STATUS_ZH: Record<string, string> = { active: '正常推进', suspended: '暂停', abandoned: '终止' };
export const statusZh = (status: string): string => STATUS_ZH[status] ?? status;

/** The scope line of an export: 全省 or the scoped key's cities. */
export const scopeZh = (scope: '*' | readonly string[]): string =>
  scope === '*' ? '全省' : scope.map((c) => cityZh(c) ?? c).join('、');

export const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? '是' : '否');

/** A month a stale project owed: '2014-05（未报）' or '2014-05（迟报，2014-06-12报送）'. */
export const lapseZh = (m: OwedMonth): string =>
  m.status === 'late' ? `${m.month}（迟报，${m.recordedOn}报送）` : `${m.month}（未报）`;
