/**
 * Figures of the 2014 demo worked out BY HAND from scripts/demo/data/*.ts (not read from the api), with how.
 * "Now" is 2014-12-31. Amounts in CNY, as the dashboard shows them (exact, grouped by thousands).
 */

/**
 * Targets of 2014 (GET /statistics/targets?year=2014).
 * - Transfer projects: 24 business registrations in the data; 4 fall below the threshold at registration
 *   (Meilong ceramics CNY 150M, Tai Wah USD 18M, Chuangwei CNY 120M, Minxing tea CNY 80M) -> 20. Tieke at exactly
 *   CNY 200M counts (inclusive); Ruitai counts at CNY 260M (amended before its registration).
 * - Xiangnan batch 3: 9 assignments (6 on 2014-07-18, 3 on 2014-11-20); Chuangwei's CNY 120M is below USD 50M at
 *   6.1429 (CNY 307,145,000) -> 8.
 * - Ranked firms: Fortune 500 / China top-100 investors with a first registration in 2014: Gree, China Resources,
 *   China Minmetals, Hon Hai (Foxconn), Wilmar, Suning -> 6.
 * - National zones: Wangcheng upgraded to national ETDZ on 2014-02-18 -> 1 (Ningxiang and Liuyang were approved
 *   before 2014). Bonded zones: Chenzhou EPZ upgraded on 2014-12-10 -> 1.
 * - Standard factory m²: sum of every park's completions: Yongzhou 401,000 + Chenzhou ETDZ 360,000 + Songmu 220,000
 *   + Wangcheng 575,000 + Liling 95,000 + Jinxia 110,000 + Shaoyang 162,500 + Huaihua 64,000 + Hengyang CBZ 126,000
 *   + Xiangtan CBZ 143,000 + Chenzhou EPZ 58,000 + Ningxiang 205,000 + Liuyang 168,000 + Qiyang 45,000.5
 *   = 2,732,500.5.
 */
export const TARGETS_2014 = {
  transferProjects: '20',
  xiangnanMajorProjects: '8',
  rankedFirms: '6',
  nationalZones: '1',
  comprehensiveBondedZones: '1',
  standardFactory: '2,732,500.5 m²',
} as const;

/**
 * Monthly dispatch 2014-06. Major projects signed by 2014-06-30 (13): Gree, Kivo, Lens, Huayao, Minmetals, Foxconn,
 * Delta, China Resources Chenzhou, Jiuxing, Ruitai, Wilmar, Red Star Yueyang, Haiyun (Yiyang). Not major: Meilong
 * and Tai Wah (below the thresholds). Progress is the demo's straight ramp: total × reach × k / n in whole cents
 * (k-th working month of n from the signing month to December), USD at the June-end rate 6.1598:
 *   Gree 3e9×0.55/11: 150,000,000 this month, 750,000,000 to date (month 5 of 11)
 *   Kivo 5e9×0.22/10: 110,000,000 / 440,000,000 (4 of 10)
 *   Lens 4.5e9×0.4/9: 200,000,000 / 600,000,000 (3 of 9)
 *   Huayao 8e9×0.18/10: 144,000,000 / 576,000,000 (4 of 10)
 *   Minmetals 2.6e9×0.25: 3/9 -> 216,666,666.66 minus 2/9 -> 144,444,444.44 = 72,222,222.22
 *   Foxconn 1.5e9×0.46/8: 86,250,000 / 172,500,000 (2 of 8)
 *   Delta USD 60M×0.35/7: USD 3,000,000 (first month) × 6.1598 = 18,479,400.00 both
 *   China Resources Chenzhou 1.8e9×0.3/9: 60,000,000 / 180,000,000 (3 of 9)
 *   Jiuxing USD 100M×0.72 over 11: USD 32,727,272.72 (5/11) minus 26,181,818.18 (4/11) = 6,545,454.54;
 *     × 6.1598 = 40,318,690.875492 this month, 201,593,454.500656 to date
 *   Ruitai 260M (amended)×0.3/8: 9,750,000 / 19,500,000
 *   Wilmar USD 120M×0.2/7: USD 3,428,571.42 (first month) × 6.1598 = 21,119,314.232916 both
 *   Red Star Yueyang 900M×0.25 over 8 working months (July, August paused): 4/8 - 3/8 = 28,125,000 / 112,500,000
 *   Haiyun 450M×0.2/8: 11,250,000 / 22,500,000
 * Sums (exact, then rounded to cents): this month 951,514,627.328408 -> 951,514,627.33; to date
 * 3,330,858,835.393572 -> 3,330,858,835.39. Changsha: 150M + 110M + 200M = 460,000,000.00 this month,
 * 750M + 440M + 600M = 1,790,000,000.00 to date. Open problems at June end: Red Star Yueyang's regulatory plan
 * (raised 06-20); Minmetals' EIA was resolved on 06-24 -> 1. Red Star Yueyang is suspended (06-16 to 08-20).
 */
export const DISPATCH_2014_06 = {
  projects: '13',
  thisMonth: '951,514,627.33',
  toDate: '3,330,858,835.39',
  openProblems: '1',
  changsha: { projects: '3', thisMonth: '460,000,000.00', toDate: '1,790,000,000.00' },
} as const;

/**
 * Quarterly bulletin 2014-Q2: counted registrations dated April-June: Red Star Yueyang 0.9e9, Kivo 5e9, China
 * Resources Chenzhou 1.8e9, Lens 4.5e9, Minmetals 2.6e9, Foxconn 1.5e9, Ruitai 0.26e9 -> 7, CNY 16,560,000,000.00.
 * Year to date adds Q1's Gree 3e9, Jiuxing USD 100M at the rate of its registration date 2014-03-25 (6.1214, in force
 * from 03-03) = 612,140,000 and Huayao 8e9 -> 10, CNY 28,172,140,000.00. Ranking by projects, then amount, year to
 * date: Changsha 3 (Gree, Kivo, Lens: 12,500,000,000.00) first, Hengyang 3 (Huayao, Minmetals, Foxconn:
 * 12,100,000,000.00) second, then Chenzhou 1.8e9, Yueyang 0.9e9, Yongzhou 0.61214e9, Shaoyang 0.26e9.
 */
export const BULLETIN_2014_Q2 = {
  quarterProjects: '7',
  quarterAmount: '16,560,000,000.00',
  ytdProjects: '10',
  ytdAmount: '28,172,140,000.00',
  ranking: [
    { city: '430100', rank: '1', ytdProjects: '3', ytdAmount: '12,500,000,000.00' },
    { city: '430400', rank: '2', ytdProjects: '3', ytdAmount: '12,100,000,000.00' },
    { city: '431000', rank: '3', ytdProjects: '1', ytdAmount: '1,800,000,000.00' },
    { city: '430600', rank: '4', ytdProjects: '1', ytdAmount: '900,000,000.00' },
    { city: '431100', rank: '5', ytdProjects: '1', ytdAmount: '612,140,000.00' },
    { city: '430500', rank: '6', ytdProjects: '1', ytdAmount: '260,000,000.00' },
  ],
} as const;

/**
 * Problems open on 2014-12-31: 6 raised, 4 resolved (Kivo power 08-15, Minmetals EIA 06-24, Red Star regulatory
 * plan 08-12, Loudi rail siding 10-21). Open: Zhangjiajie site (raised 06-11: 19 + 31 + 31 + 30 + 31 + 30 + 31
 * = 203 days) and Huayao relocation (raised 09-03: 27 + 31 + 30 + 31 = 119 days), oldest first.
 */
export const OPEN_PROBLEMS_2014_12_31 = {
  open: '2',
  ages: ['203', '119'],
  units: ['zhangjiajie-land-and-resources-bureau', 'hengyang-land-and-resources-bureau'],
} as const;

/**
 * Red Star Macalline Yueyang: lead at negotiating 01-28, signed 03-14, registered 04-11, landed 05-08, suspended
 * 06-16, problem 06-20 resolved 08-12, resumed 08-20, construction 09-10; CNY 900,000,000. Progress March-December
 * (10 reports, July and August repeating June): December = 900M × 0.25 = 225,000,000.00. Its stream: registered,
 * signed, business registration, landing, suspension, problem raised, problem resolved, resumption, construction
 * = 9 events + 10 progress reports = 19 events.
 */
export const RED_STAR_YUEYANG = {
  name: 'Red Star Macalline Yueyang home furnishing mall',
  investment: '900,000,000.00',
  lastProgress: '225,000,000.00',
  progressRows: 10,
  events: 19,
} as const;

/**
 * Promotion 2014 (seed items 12-13), by the lead channel recorded on each project: leads identified in 2014 (all 27
 * projects), contracts signed in 2014 (24), registrations counted toward the target (20, as in TARGETS_2014).
 * - Representative office: Gree, Huayao, Minmetals, Foxconn, Red Star Hengyang, China Resources Chenzhou, Jiuxing,
 *   China Resources Yongzhou, Red Star Yueyang -> 9 leads; all but Red Star Hengyang signed -> 8; all 8 counted:
 *   3e9 + 8e9 + 2.6e9 + 1.5e9 + 1.8e9 + USD 100M × 6.1214 (03-25) + 7e9 + 0.9e9 = 25,412,140,000.00.
 * - Promotion events (one project each): Suning (Shanghai week), Tai Wah (Xiangtan bonded zone), Yuehua (Xiangnan
 *   fair), Delta (Tainan spring meeting), Xinhai (Yangtze Delta series), Baicao (Pearl Delta series) -> 6 leads, 6
 *   signed, 5 counted (Tai Wah's USD 18M is below the threshold): 1.2e9 + 0.38e9 + USD 60M × 6.1528 (07-22,
 *   rate of 07-01) + 0.26e9 + 0.32e9 = 2,529,168,000.00.
 * - Chamber or association 5 / 4 / 2, advisor 3 / 3 / 3, investor referral 3 / 3 / 2, online 1 / 0 / 0.
 */
export const PROMOTION_2014 = {
  totals: { leads: '27', contracts: '24', registrations: '20' },
  representativeOffice: { leads: '9', contracts: '8', registrations: '8', registrationsAmount: '25,412,140,000.00' },
  promotionEvent: { leads: '6', contracts: '6', registrations: '5', registrationsAmount: '2,529,168,000.00' },
  events: 6,
} as const;

/**
 * What a reporter scoped to Hengyang (430400) sees. Hengyang's projects in the demo (by city): Huayao, Minmetals,
 * Foxconn, Yuehua (Songmu) and Red Star Hengyang -> 5. Counted toward the 2014 target: the first four (Red Star
 * Hengyang only negotiated) -> 4 of 20 listed; all four are Xiangnan batch 3 major projects -> 4 of 8. Major
 * projects of the June dispatch in Hengyang: Huayao, Minmetals, Foxconn -> 3 rows, while the totals stay the
 * province's (13 projects, 951,514,627.33). Open problems: Huayao's relocation only -> 1.
 */
export const HENGYANG_REPORTER = {
  projects: '5',
  transferProjectsListed: 4,
  xiangnanListed: 4,
  dispatchRows: 3,
  openProblems: '1',
} as const;

/** The June 2014 dispatch as an Excel file: its totals row (合计) on the sheet of city totals, as numbers. */
export const DISPATCH_2014_06_TOTALS_ROW = {
  projects: 13,
  thisMonth: 951514627.33,
  toDate: 3330858835.39,
  openProblems: 1,
  changsha: { thisMonth: 460000000, toDate: 1790000000 },
} as const;

/**
 * Stale projects of the June 2014 dispatch (reference date 2014-07-11: reports due by the 10th of the next month).
 * The demo loads in seconds on 2014-12-31, so no report was recorded by its due day. Owed: every month after the
 * signing month up to June, unless the project was operating, suspended or abandoned: Gree (Mar-Jun, 4), Kivo (3),
 * Lens (2), Meilong ceramics (2), Tai Wah (3), Huayao (3), Minmetals (2), Foxconn (1), China Resources Chenzhou (2),
 * Jiuxing (4), Ruitai (1), Haiyun (1) -> 12. Not stale: Delta and Wilmar (signed in June: no month after it yet), Red
 * Star Yueyang (suspended on 07-11). Of the 13 major projects, 10 are flagged (Meilong and Tai Wah are not major).
 */
export const STALE_2014_06 = { total: '12', majorFlagged: 10, gree: 4 } as const;

/**
 * GET /projects?stale=true on 2014-12-31 (months due by 2014-12-10 owed): the 24 signed projects, less Jiuxing
 * (operating since 12-20) and Yuehua (signed 11-08: its first month, December, is not yet due) -> 22. Red Star
 * Yueyang, active again since 08-20, still owes the months it was not suspended.
 */
export const STALE_ON_2014_12_31 = { projects: '22' } as const;

/**
 * Assessment 2014 (seed item 25): the 20 counted projects credit their introducers by the shares recorded at
 * registration. Changsha commerce bureau: Gree 0.7 × 3e9 + Kivo 0.5 × 5e9 + Lens 1 × 4.5e9 + Suning 0.6 × 1.2e9
 * = 9,820,000,000.00 for 2.8 projects, first. Hengyang commerce bureau: Huayao 0.8 × 8e9 + Minmetals 0.5 × 2.6e9
 * + Foxconn 0.6 × 1.5e9 + Yuehua 1 × 0.38e9 = 8,980,000,000.00 for 2.9, second (the provincial department comes to
 * 6,948,417,600.00: Gree 0.9e9, Tieke 0.05e9, Minmetals 1.3e9, Foxconn 0.6e9, Delta 0.3 × USD 60M × 6.1528, China
 * Resources Yongzhou 3.5e9, Wilmar 0.2 × USD 120M × 6.1528, Jinhe 0.34e9).
 */
export const ASSESSMENT_2014 = {
  counted: '20',
  first: ['1', '▸ changsha-commerce-bureau', '2.8', '9,820,000,000.00'],
  second: ['2', '▸ hengyang-commerce-bureau', '2.9', '8,980,000,000.00'],
  changshaProjects: 4,
} as const;
