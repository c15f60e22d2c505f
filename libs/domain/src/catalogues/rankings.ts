/** Lists an investor may belong to (seed items 3, 12). A set: a firm may be on several. */
export const RANKINGS = [
  { code: 'fortune_global_500', en: 'Fortune Global 500', zh: '世界500强' },
  { code: 'china_top_100', en: 'China top 100', zh: '国内100强' },
  { code: 'central_soe', en: 'Central state-owned enterprise', zh: '央企' },
  { code: 'listed', en: 'Listed company', zh: '上市公司' },
] as const;

export type Ranking = (typeof RANKINGS)[number]['code'];
export const RANKING_CODES: readonly Ranking[] = RANKINGS.map((r) => r.code);
