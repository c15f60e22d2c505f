import { PROMOTION_EVENTS } from './reference-data';
import { build, cny, land, negotiate, problem, produce, registerBusiness, sign, usd, type DemoProject } from './story';

/** Changsha, Zhuzhou and Xiangtan: key projects of seed item 19 and a few smaller ones. Illustrative figures. */
export const CHANG_ZHU_TAN_PROJECTS: DemoProject[] = [
  // Changsha 430100
  {
    slug: 'gree-ningxiang', investor: 'gree', park: 'ningxiang-etdz', name: 'Gree Ningxiang production base', city: '430100',
    industry: 'advanced_equipment_manufacturing', capitalType: 'domestic', totalInvestment: cny(3_000_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'representative_office', introducers: [{ unit: 'changsha-commerce-bureau', share: '0.7' }, { unit: 'provincial-commerce-department', share: '0.3' }],
    lead: { stage: 'intention', on: '2014-01-08' },
    steps: [negotiate('2014-01-20'), sign('2014-02-26'), registerBusiness('2014-03-18'), land('2014-04-10'), build('2014-05-06'), produce('2014-12-18')],
    progress: { reach: '0.55' },
  },
  {
    slug: 'kivo-changsha-smart-port', investor: 'kivo', park: 'wangcheng-etdz', name: 'Kivo mobile Changsha smart port', city: '430100',
    industry: 'electronic_information', capitalType: 'domestic', totalInvestment: cny(5_000_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'investor_referral', introducers: [{ unit: 'changsha-commerce-bureau', share: '0.5' }, { unit: 'wangcheng-etdz-management-committee', share: '0.5' }],
    lead: { stage: 'negotiating', on: '2014-02-12' },
    steps: [
      sign('2014-03-28'), registerBusiness('2014-05-09'), land('2014-06-16'),
      problem('power-supply', '2014-07-02', {
        title: 'Power supply for the phase I plant',
        description: 'The SMT lines need 40 MVA from the fourth quarter; the nearest substation cannot supply it before 2015.',
        assignedUnit: 'state-grid-hunan-electric-power',
      }, { on: '2014-08-15', resolution: 'A 110 kV substation for the smart port was brought forward into the 2014 grid plan; temporary supply from 2014-09.' }),
      build('2014-08-08'),
    ],
    progress: { reach: '0.22' },
  },
  {
    slug: 'lens-new-materials', investor: 'lens', park: 'liuyang-etdz', name: 'Lens Technology new materials (sapphire and cover glass)', city: '430100',
    industry: 'new_materials', capitalType: 'domestic', totalInvestment: cny(4_500_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'investor_referral', introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-03-05' },
    steps: [sign('2014-04-22'), registerBusiness('2014-05-20'), land('2014-06-10'), build('2014-07-01'), produce('2014-12-26')],
    progress: { reach: '0.4' },
  },
  {
    slug: 'suning-changsha-logistics', investor: 'suning', park: 'jinxia-dz', name: 'Suning Changsha logistics and e-commerce base', city: '430100',
    industry: 'modern_services', capitalType: 'domestic', totalInvestment: cny(1_200_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'promotion_event', promotionEvent: PROMOTION_EVENTS.shanghaiWeek,
    introducers: [{ unit: 'changsha-commerce-bureau', share: '0.6' }, { unit: 'hunan-shanghai-representative-office', share: '0.4' }],
    lead: { stage: 'intention', on: '2014-06-26' },
    steps: [negotiate('2014-07-15'), sign('2014-09-12'), registerBusiness('2014-10-24'), land('2014-11-20')],
    progress: { reach: '0.08' },
  },
  // Zhuzhou 430200
  {
    slug: 'liling-ceramics', investor: 'meilong-ceramics', park: 'liling-etdz', name: 'Meilong daily-use and industrial ceramics', city: '430200',
    // Below the CNY 200M threshold: registered, recorded as not counting.
    industry: 'new_materials', capitalType: 'domestic', totalInvestment: cny(150_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'chamber_or_association', introducers: [{ unit: 'zhuzhou-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-02-20' },
    steps: [sign('2014-04-15'), registerBusiness('2014-05-06'), land('2014-05-28'), build('2014-06-18'), produce('2014-11-12')],
    progress: { reach: '0.9' },
  },
  {
    slug: 'zhuzhou-rail-components', investor: 'tieke-rail', name: 'Tieke rail transit bogie components', city: '430200',
    // Exactly CNY 200M: the threshold is inclusive, so it counts.
    industry: 'rail_transit_equipment', capitalType: 'domestic', totalInvestment: cny(200_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'advisor', introducers: [{ unit: 'zhuzhou-commerce-bureau', share: '0.75' }, { unit: 'provincial-commerce-department', share: '0.25' }],
    lead: { stage: 'negotiating', on: '2014-05-08' },
    steps: [sign('2014-07-10'), registerBusiness('2014-08-22'), land('2014-09-15')],
    progress: { reach: '0.15' },
  },
  // Xiangtan 430300
  {
    slug: 'xiangtan-bonded-components', investor: 'tai-wah-precision', park: 'xiangtan-cbz', name: 'Tai Wah bonded precision components plant', city: '430300',
    // Foreign capital below USD 30M: registered, recorded as not counting.
    industry: 'electronic_information', capitalType: 'foreign', totalInvestment: usd(18_000_000), sourceRegions: ['hong_kong_macao_taiwan', 'guangdong_hong_kong_macao'],
    leadChannel: 'promotion_event', promotionEvent: PROMOTION_EVENTS.xiangtanBondedZone, introducers: [{ unit: 'xiangtan-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-01-13' },
    steps: [sign('2014-03-20'), registerBusiness('2014-04-18'), land('2014-05-05'), build('2014-05-26'), produce('2014-10-30')],
    progress: { reach: '0.85' },
  },
];
