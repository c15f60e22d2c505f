import { unifiedSocialCreditCheckChar, type CityCode, type ParkLevel, type Ranking } from '@itp/domain';

/**
 * Reference data of the 2014 demo: the USD/CNY table, the parks of seed items 9 and 16 (plus the parks
 * that host the key projects of item 19), and the investors. Rates, levels, dates, floor areas and credit
 * codes are illustrative demo values, not official figures.
 */

export const RATE_SOURCE = 'PBOC central parity (demo values)';

/** USD/CNY, effective from the first working day of each month of 2014. */
export const EXCHANGE_RATES: { effectiveOn: string; rate: string }[] = [
  { effectiveOn: '2014-01-02', rate: '6.1050' },
  { effectiveOn: '2014-02-07', rate: '6.1035' },
  { effectiveOn: '2014-03-03', rate: '6.1214' },
  { effectiveOn: '2014-04-01', rate: '6.1521' },
  { effectiveOn: '2014-05-05', rate: '6.1587' },
  { effectiveOn: '2014-06-03', rate: '6.1598' },
  { effectiveOn: '2014-07-01', rate: '6.1528' },
  { effectiveOn: '2014-08-01', rate: '6.1596' },
  { effectiveOn: '2014-09-01', rate: '6.1588' },
  { effectiveOn: '2014-10-08', rate: '6.1525' },
  { effectiveOn: '2014-11-03', rate: '6.1429' },
  { effectiveOn: '2014-12-01', rate: '6.1235' },
];

export interface DemoPark {
  slug: string;
  name: string;
  city: CityCode;
  level: ParkLevel;
  levelApprovedOn?: string;
  upgrades?: { level: ParkLevel; approvedOn: string }[];
  /** Standard factory buildings (标准厂房) completed in 2014: [completedOn, m²]. */
  factories?: [string, number][];
}

export const PARKS: DemoPark[] = [
  // Seed item 9: Xiangnan parks preparing to apply for national level.
  { slug: 'yongzhou-etdz', name: 'Yongzhou Economic and Technological Development Zone', city: '431100', level: 'provincial_park', factories: [['2014-04-28', 120_000], ['2014-09-26', 185_000], ['2014-12-19', 96_000]] },
  { slug: 'chenzhou-etdz', name: 'Chenzhou Economic and Technological Development Zone', city: '431000', level: 'provincial_park', factories: [['2014-05-30', 150_000], ['2014-10-31', 210_000]] },
  { slug: 'hengyang-songmu', name: 'Hengyang Songmu Industrial Park', city: '430400', level: 'provincial_park', factories: [['2014-06-27', 88_000], ['2014-11-28', 132_000]] },
  // Seed item 16: provincial parks to be upgraded; Wangcheng is the one approved in the year.
  { slug: 'wangcheng-etdz', name: 'Wangcheng Economic and Technological Development Zone', city: '430100', level: 'provincial_park', levelApprovedOn: '2003-12-18', upgrades: [{ level: 'national_etdz', approvedOn: '2014-02-18' }], factories: [['2014-03-28', 160_000], ['2014-08-29', 240_000], ['2014-12-26', 175_000]] },
  { slug: 'liling-etdz', name: 'Liling Economic and Technological Development Zone', city: '430200', level: 'provincial_park', factories: [['2014-07-31', 95_000]] },
  { slug: 'jinxia-dz', name: 'Jinxia Economic Development Zone', city: '430100', level: 'provincial_park', factories: [['2014-06-30', 110_000]] },
  { slug: 'shaoyang-etdz', name: 'Shaoyang Economic and Technological Development Zone', city: '430500', level: 'provincial_park', factories: [['2014-05-23', 72_000], ['2014-11-14', 90_500]] },
  { slug: 'huaihua-industrial-park', name: 'Huaihua Industrial Park', city: '431200', level: 'provincial_park', factories: [['2014-09-30', 64_000]] },
  // Customs special zones (items 9, 16): Chenzhou's export processing zone becomes a comprehensive bonded zone.
  { slug: 'hengyang-cbz', name: 'Hengyang Comprehensive Bonded Zone', city: '430400', level: 'comprehensive_bonded_zone', levelApprovedOn: '2012-10-25', factories: [['2014-08-15', 126_000]] },
  { slug: 'xiangtan-cbz', name: 'Xiangtan Comprehensive Bonded Zone', city: '430300', level: 'comprehensive_bonded_zone', levelApprovedOn: '2013-09-13', factories: [['2014-10-24', 143_000]] },
  { slug: 'chenzhou-epz', name: 'Chenzhou Export Processing Zone', city: '431000', level: 'export_processing_zone', levelApprovedOn: '2005-06-03', upgrades: [{ level: 'comprehensive_bonded_zone', approvedOn: '2014-12-10' }], factories: [['2014-04-18', 58_000]] },
  // Hosts of key projects (item 19), and a county industrial concentration zone promoted in the year.
  { slug: 'ningxiang-etdz', name: 'Ningxiang Economic and Technological Development Zone', city: '430100', level: 'national_etdz', levelApprovedOn: '2010-11-19', factories: [['2014-07-18', 205_000]] },
  { slug: 'liuyang-etdz', name: 'Liuyang Economic and Technological Development Zone', city: '430100', level: 'national_etdz', levelApprovedOn: '2012-09-08', factories: [['2014-11-21', 168_000]] },
  { slug: 'qiyang-icz', name: 'Qiyang Industrial Concentration Zone', city: '431100', level: 'industrial_concentration_zone', levelApprovedOn: '2009-12-30', upgrades: [{ level: 'provincial_park', approvedOn: '2014-09-12' }], factories: [['2014-12-12', 45_000.5]] },
];

export interface DemoInvestor {
  slug: string;
  name: string;
  country: string;
  /** CN only: the 17 characters before the GB 32100 check character (computed). */
  creditCodeBody?: string;
  rankings: Ranking[];
}

/** 统一社会信用代码 with its check character; the bodies below are demo values except Gree's. */
export const creditCodeOf = (investor: DemoInvestor): string | undefined =>
  investor.creditCodeBody ? investor.creditCodeBody + unifiedSocialCreditCheckChar(investor.creditCodeBody) : undefined;

export const INVESTORS: DemoInvestor[] = [
  // The key projects of seed item 19.
  { slug: 'jiuxing', name: 'Jiuxing Holdings (Stella International)', country: 'HK', rankings: ['listed'] },
  { slug: 'kivo', name: 'Kivo Mobile (Shenzhen) Co., Ltd.', country: 'CN', creditCodeBody: '91440300100000113', rankings: [] },
  { slug: 'gree', name: 'Gree Electric Appliances, Inc. of Zhuhai', country: 'CN', creditCodeBody: '91440400192548256', rankings: ['china_top_100', 'listed'] },
  { slug: 'minmetals', name: 'China Minmetals Corporation', country: 'CN', creditCodeBody: '91110000100000214', rankings: ['fortune_global_500', 'central_soe'] },
  { slug: 'china-resources', name: 'China Resources National Corporation', country: 'CN', creditCodeBody: '91110000100000315', rankings: ['fortune_global_500', 'central_soe'] },
  { slug: 'huayao', name: 'Huayao Group', country: 'CN', creditCodeBody: '91440300100000416', rankings: [] },
  { slug: 'lens', name: 'Lens Technology Co., Ltd.', country: 'CN', creditCodeBody: '91430100100000517', rankings: [] },
  { slug: 'delta', name: 'Delta Electronics, Inc.', country: 'TW', rankings: ['listed'] },
  { slug: 'red-star-macalline', name: 'Red Star Macalline Group', country: 'CN', creditCodeBody: '91310000100000618', rankings: [] },
  { slug: 'suning', name: 'Suning Commerce Group Co., Ltd.', country: 'CN', creditCodeBody: '91320000100000719', rankings: ['china_top_100', 'listed'] },
  // Foreign investors.
  { slug: 'hon-hai', name: 'Hon Hai Precision Industry Co., Ltd. (Foxconn)', country: 'TW', rankings: ['fortune_global_500', 'listed'] },
  { slug: 'wilmar', name: 'Wilmar International Limited', country: 'SG', rankings: ['fortune_global_500', 'listed'] },
  { slug: 'tai-wah-precision', name: 'Tai Wah Precision Components Limited', country: 'HK', rankings: [] },
  // Demo investors (invented names) for projects in the other cities.
  { slug: 'meilong-ceramics', name: 'Dongguan Meilong Ceramics Co., Ltd.', country: 'CN', creditCodeBody: '91441900100000810', rankings: [] },
  { slug: 'tieke-rail', name: 'Jiangsu Tieke Rail Components Co., Ltd.', country: 'CN', creditCodeBody: '91320400100000911', rankings: [] },
  { slug: 'yuehua-chemicals', name: 'Guangdong Yuehua Fine Chemicals Co., Ltd.', country: 'CN', creditCodeBody: '91440600100001012', rankings: [] },
  { slug: 'ruitai-auto', name: 'Ningbo Ruitai Auto Parts Co., Ltd.', country: 'CN', creditCodeBody: '91330200100001113', rankings: [] },
  { slug: 'xinhai-hydraulics', name: 'Jiangsu Xinhai Hydraulics Co., Ltd.', country: 'CN', creditCodeBody: '91320500100001214', rankings: [] },
  { slug: 'tianyu-culture', name: 'Beijing Tianyu Culture and Tourism Group Co., Ltd.', country: 'CN', creditCodeBody: '91110100100001315', rankings: [] },
  { slug: 'haiyun-marine', name: 'Jiangsu Haiyun Marine Equipment Co., Ltd.', country: 'CN', creditCodeBody: '91321100100001416', rankings: [] },
  { slug: 'chuangwei-precision', name: 'Shenzhen Chuangwei Precision Co., Ltd.', country: 'CN', creditCodeBody: '91440300100001517', rankings: [] },
  { slug: 'beibu-agri', name: 'Guangxi Beibu Agricultural Products Co., Ltd.', country: 'CN', creditCodeBody: '91450500100001618', rankings: [] },
  { slug: 'baicao-pharma', name: 'Guangzhou Baicao Pharmaceutical Co., Ltd.', country: 'CN', creditCodeBody: '91440100100001719', rankings: [] },
  { slug: 'jinhe-materials', name: 'Shanghai Jinhe New Materials Co., Ltd.', country: 'CN', creditCodeBody: '91310100100001810', rankings: [] },
  { slug: 'minxing-tea', name: 'Fujian Minxing Tea Industry Co., Ltd.', country: 'CN', creditCodeBody: '91350100100001911', rankings: [] },
];

/** The six promotion events of seed item 13; leads and signings are attributed to them. */
export const PROMOTION_EVENTS = {
  xiangtanBondedZone: { id: '2014-xiangtan-cbz-promotion', name: 'Hunan Xiangtan Comprehensive Bonded Zone promotion meeting (13 January)' },
  tainanSpring: { id: '2014-tainan-spring-meeting', name: 'Year of the Horse spring meeting with Tainan businesses (late May)' },
  shanghaiWeek: { id: '2014-hunan-shanghai-investment-week', name: '2014 Hunan (Shanghai) investment week (late June)' },
  xiangnanFair: { id: '2014-xiangnan-fair-2', name: '2nd Xiangnan industrial transfer investment and trade fair (November)' },
  yangtzeDeltaSeries: { id: '2014-yangtze-delta-series', name: 'Hunan matchmaking series for Yangtze River Delta industrial transfer' },
  pearlDeltaSeries: { id: '2014-pearl-delta-series', name: 'Hunan matchmaking series for Pearl River Delta industrial transfer' },
} as const;
