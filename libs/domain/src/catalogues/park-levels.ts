/**
 * Park levels on two ladders. A park is upgraded only up its own ladder (rank strictly higher):
 * - development zones: industrial concentration zone < provincial park < national ETDZ | national high-tech zone
 *   (the two national levels are peers: moving between them is not an upgrade);
 * - customs special zones: export processing zone < comprehensive bonded zone.
 * No downgrades and no jumps between ladders: a customs zone is a different kind of thing, not a higher park.
 */
export const PARK_LEVELS = [
  {
    code: 'industrial_concentration_zone',
    ladder: 'development',
    rank: 1,
    en: 'Industrial concentration zone',
    zh: '工业集中区',
  },
  { code: 'provincial_park', ladder: 'development', rank: 2, en: 'Provincial park', zh: '省级园区' },
  {
    code: 'national_etdz',
    ladder: 'development',
    rank: 3,
    en: 'National economic and technological development zone',
    zh: '国家级经济技术开发区',
  },
  {
    code: 'national_high_tech_zone',
    ladder: 'development',
    rank: 3,
    en: 'National high-tech industrial development zone',
    zh: '国家级高新技术产业开发区',
  },
  { code: 'export_processing_zone', ladder: 'customs', rank: 1, en: 'Export processing zone', zh: '出口加工区' },
  { code: 'comprehensive_bonded_zone', ladder: 'customs', rank: 2, en: 'Comprehensive bonded zone', zh: '综合保税区' },
] as const;

export type ParkLevel = (typeof PARK_LEVELS)[number]['code'];
export const PARK_LEVEL_CODES: readonly ParkLevel[] = PARK_LEVELS.map((l) => l.code);

export const parkLevelInfo = (level: ParkLevel) => PARK_LEVELS.find((l) => l.code === level)!;

export const isUpgrade = (from: ParkLevel, to: ParkLevel): boolean => {
  const a = parkLevelInfo(from);
  const b = parkLevelInfo(to);
  return a.ladder === b.ladder && b.rank > a.rank;
};
