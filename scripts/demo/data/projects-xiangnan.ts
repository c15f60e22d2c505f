import { PROMOTION_EVENTS } from './reference-data';
import { amend, build, cny, land, negotiate, operate, problem, produce, registerBusiness, sign, usd, xiangnanBatch, type DemoProject } from './story';

/**
 * The Xiangnan demonstration zone (Hengyang, Chenzhou, Yongzhou): key projects of seed item 19 and the
 * launch of the third batch of major projects (USD 50M or the RMB equivalent), in July and at the
 * November fair. Dates and amounts are illustrative.
 */
export const XIANGNAN_PROJECTS: DemoProject[] = [
  // Hengyang 430400
  {
    slug: 'hengyang-huayao-city', investor: 'huayao', name: 'Hengyang Huayao City (trade and logistics city)', city: '430400',
    industry: 'modern_services', capitalType: 'domestic', totalInvestment: cny(8_000_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'representative_office', introducers: [{ unit: 'hengyang-commerce-bureau', share: '0.8' }, { unit: 'hunan-shenzhen-representative-office', share: '0.2' }],
    lead: { stage: 'negotiating', on: '2014-01-15' },
    steps: [
      sign('2014-03-06'), registerBusiness('2014-03-31'), land('2014-04-28'), build('2014-06-09'), xiangnanBatch('2014-07-18'),
      problem('phase-2-relocation', '2014-09-03', {
        title: 'Relocation of residents delays the phase II plot',
        description: 'About 120 households on the phase II plot have not yet agreed on compensation; the site cannot be handed over as contracted.',
        assignedUnit: 'hengyang-land-and-resources-bureau',
      }),
    ],
    progress: { reach: '0.18' },
  },
  {
    slug: 'minmetals-copper-processing', investor: 'minmetals', name: 'China Minmetals copper deep processing (Shuikoushan, Changning)', city: '430400',
    industry: 'new_materials', capitalType: 'domestic', totalInvestment: cny(2_600_000_000), sourceRegions: ['bohai_rim'],
    leadChannel: 'representative_office', introducers: [{ unit: 'provincial-commerce-department', share: '0.5' }, { unit: 'hengyang-commerce-bureau', share: '0.5' }],
    lead: { stage: 'intention', on: '2014-01-10' },
    steps: [
      negotiate('2014-02-18'), sign('2014-04-28'),
      problem('eia-approval', '2014-05-20', {
        title: 'Environmental impact assessment approval',
        description: 'The EIA of the copper rod and foil lines is waiting for the provincial review; construction cannot start without it.',
        assignedUnit: 'hunan-environmental-protection-department',
      }, { on: '2014-06-24', resolution: 'Joint review held by the joint conference; the EIA approval was issued on 2014-06-24.' }),
      registerBusiness('2014-06-05'), land('2014-07-03'), xiangnanBatch('2014-07-18'), build('2014-08-12'),
    ],
    progress: { reach: '0.25' },
  },
  {
    slug: 'foxconn-hengyang', investor: 'hon-hai', park: 'hengyang-cbz', name: 'Foxconn Hengyang electronics industrial park (phase I)', city: '430400',
    // Foreign capital with the investment stated in CNY: the USD 30M threshold is compared in CNY at the rate of the day.
    industry: 'electronic_information', capitalType: 'foreign', totalInvestment: cny(1_500_000_000), sourceRegions: ['hong_kong_macao_taiwan'],
    leadChannel: 'representative_office', introducers: [{ unit: 'hengyang-commerce-bureau', share: '0.6' }, { unit: 'provincial-commerce-department', share: '0.4' }],
    lead: { stage: 'negotiating', on: '2014-02-25' },
    steps: [sign('2014-05-16'), registerBusiness('2014-06-13'), land('2014-07-08'), xiangnanBatch('2014-07-18'), build('2014-08-04'), produce('2014-12-15')],
    progress: { reach: '0.46' },
  },
  {
    slug: 'songmu-fine-chemicals', investor: 'yuehua-chemicals', park: 'hengyang-songmu', name: 'Yuehua fine chemicals base (salt chemical downstream)', city: '430400',
    industry: 'new_materials', capitalType: 'domestic', totalInvestment: cny(380_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'promotion_event', promotionEvent: PROMOTION_EVENTS.xiangnanFair, introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-11-06' },
    steps: [sign('2014-11-08'), xiangnanBatch('2014-11-20'), registerBusiness('2014-12-19')],
    progress: { reach: '0.05' },
  },
  {
    slug: 'red-star-hengyang', investor: 'red-star-macalline', name: 'Red Star Macalline Hengyang home furnishing expo', city: '430400',
    industry: 'modern_services', capitalType: 'domestic', totalInvestment: cny(650_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'representative_office', introducers: [{ unit: 'hengyang-commerce-bureau', share: '0.7' }, { unit: 'hunan-shanghai-representative-office', share: '0.3' }],
    lead: { stage: 'strategy', on: '2014-10-09' },
    steps: [negotiate('2014-12-03')],
  },
  // Chenzhou 431000
  {
    slug: 'delta-chenzhou-phase-2', investor: 'delta', park: 'chenzhou-epz', name: 'Delta Electronics Chenzhou phase II (power supplies)', city: '431000',
    industry: 'electronic_information', capitalType: 'foreign', totalInvestment: usd(60_000_000), sourceRegions: ['hong_kong_macao_taiwan'],
    leadChannel: 'promotion_event', promotionEvent: PROMOTION_EVENTS.tainanSpring,
    introducers: [{ unit: 'chenzhou-commerce-bureau', share: '0.7' }, { unit: 'provincial-commerce-department', share: '0.3' }],
    lead: { stage: 'negotiating', on: '2014-05-28' },
    steps: [sign('2014-06-24'), xiangnanBatch('2014-07-18'), registerBusiness('2014-07-22'), land('2014-08-11'), build('2014-08-25'), produce('2014-12-22')],
    progress: { reach: '0.35' },
  },
  {
    slug: 'china-resources-chenzhou', investor: 'china-resources', park: 'chenzhou-etdz', name: 'China Resources Chenzhou project (retail logistics centre and brewery)', city: '431000',
    industry: 'modern_services', capitalType: 'domestic', totalInvestment: cny(1_800_000_000), sourceRegions: ['guangdong_hong_kong_macao'],
    leadChannel: 'representative_office', introducers: [{ unit: 'chenzhou-commerce-bureau', share: '0.6' }, { unit: 'hunan-hong-kong-representative-office', share: '0.4' }],
    lead: { stage: 'intention', on: '2014-01-16' },
    steps: [negotiate('2014-02-27'), sign('2014-04-18'), registerBusiness('2014-05-15'), land('2014-06-05'), build('2014-07-14'), xiangnanBatch('2014-07-18')],
    progress: { reach: '0.3' },
  },
  {
    slug: 'chuangwei-precision-chenzhou', investor: 'chuangwei-precision', park: 'chenzhou-epz', name: 'Chuangwei precision stamping parts', city: '431000',
    // Below both thresholds: registered, not counted; assigned to batch 3 but recorded as not major.
    industry: 'electronic_information', capitalType: 'domestic', totalInvestment: cny(120_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'investor_referral', introducers: [{ unit: 'chenzhou-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-08-05' },
    steps: [sign('2014-09-19'), registerBusiness('2014-10-17'), land('2014-11-03'), xiangnanBatch('2014-11-20')],
    progress: { reach: '0.2' },
  },
  // Yongzhou 431100
  {
    slug: 'jiuxing-handbags-yongzhou', investor: 'jiuxing', park: 'yongzhou-etdz', name: 'Jiuxing Holdings handbag base: 4 main factories and 37 suppliers', city: '431100',
    industry: 'other', capitalType: 'foreign', totalInvestment: usd(100_000_000), sourceRegions: ['pearl_river_delta', 'hong_kong_macao_taiwan'],
    leadChannel: 'representative_office', introducers: [{ unit: 'yongzhou-commerce-bureau', share: '0.7' }, { unit: 'hunan-hong-kong-representative-office', share: '0.3' }],
    lead: { stage: 'negotiating', on: '2014-01-09' },
    steps: [
      sign('2014-02-21'), registerBusiness('2014-03-25'), land('2014-04-15'), build('2014-05-05'),
      amend('credit-sharing', '2014-05-12', 'Joint conference of 2014-05-12: the Yongzhou ETDZ management committee, which negotiated with the 37 suppliers, shares the credit.', {
        introducers: [
          { unit: 'yongzhou-commerce-bureau', share: '0.5' },
          { unit: 'hunan-hong-kong-representative-office', share: '0.3' },
          { unit: 'yongzhou-etdz-management-committee', share: '0.2' },
        ],
      }),
      xiangnanBatch('2014-07-18'), produce('2014-10-28'), operate('2014-12-20'),
    ],
    progress: { reach: '0.72' },
  },
  {
    slug: 'china-resources-yongzhou', investor: 'china-resources', name: 'China Resources Yongzhou power plant (2 x 1000 MW)', city: '431100',
    industry: 'other', capitalType: 'domestic', totalInvestment: cny(7_000_000_000), sourceRegions: ['guangdong_hong_kong_macao'],
    leadChannel: 'representative_office', introducers: [{ unit: 'yongzhou-commerce-bureau', share: '0.5' }, { unit: 'provincial-commerce-department', share: '0.5' }],
    lead: { stage: 'strategy', on: '2014-02-08' },
    steps: [negotiate('2014-05-14'), sign('2014-09-23'), registerBusiness('2014-11-07'), xiangnanBatch('2014-11-20')],
    progress: { reach: '0.03' },
  },
  {
    slug: 'qiyang-agri-processing', investor: 'beibu-agri', park: 'qiyang-icz', name: 'Qiyang rice and camellia oil processing', city: '431100',
    industry: 'agricultural_industrialisation', capitalType: 'domestic', totalInvestment: cny(90_000_000), sourceRegions: ['beibu_gulf', 'asean'],
    leadChannel: 'chamber_or_association', introducers: [{ unit: 'yongzhou-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-10-15' },
    steps: [negotiate('2014-12-02')],
  },
];
