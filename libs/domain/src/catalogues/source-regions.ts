/** Where a transfer comes from (seed items 5, 11). Regions overlap, so a project carries a set of tags. */
export const SOURCE_REGIONS = [
  { code: 'pearl_river_delta', en: 'Pearl River Delta', zh: '珠三角' },
  { code: 'yangtze_river_delta', en: 'Yangtze River Delta', zh: '长三角' },
  { code: 'hong_kong_macao_taiwan', en: 'Hong Kong, Macao and Taiwan', zh: '港澳台' },
  { code: 'singapore', en: 'Singapore', zh: '新加坡' },
  { code: 'beibu_gulf', en: 'Beibu Gulf Economic Zone', zh: '北部湾经济区' },
  { code: 'west_coast_of_straits', en: 'West Coast of the Straits', zh: '海西经济圈' },
  { code: 'bohai_rim', en: 'Bohai Rim', zh: '环渤海经济圈' },
  { code: 'guangdong_hong_kong_macao', en: 'Guangdong, Hong Kong and Macao', zh: '粤港澳' },
  { code: 'asean', en: 'ASEAN', zh: '东盟' },
] as const;

export type SourceRegionCode = (typeof SOURCE_REGIONS)[number]['code'];
export const SOURCE_REGION_CODES: readonly SourceRegionCode[] = SOURCE_REGIONS.map((r) => r.code);
