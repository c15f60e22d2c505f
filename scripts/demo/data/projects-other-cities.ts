import { PROMOTION_EVENTS } from './reference-data';
import { abandon, amend, build, cny, land, negotiate, problem, registerBusiness, resume, sign, suspend, usd, type DemoProject } from './story';

/** Shaoyang, Yueyang, Changde, Zhangjiajie, Yiyang, Huaihua, Loudi and Xiangxi. Illustrative figures. */
export const OTHER_CITY_PROJECTS: DemoProject[] = [
  // Shaoyang 430500: an amendment before the business registration decides that it counts.
  {
    slug: 'shaoyang-brake-discs', investor: 'ruitai-auto', park: 'shaoyang-etdz', name: 'Ruitai auto brake discs and hubs', city: '430500',
    industry: 'auto_parts', capitalType: 'domestic', totalInvestment: cny(180_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'chamber_or_association', introducers: [{ unit: 'shaoyang-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-03-12' },
    steps: [
      negotiate('2014-04-02'), sign('2014-05-22'),
      amend('investment-raised', '2014-06-10', 'Supplementary agreement of 2014-06-10 adds a second brake-disc line: total investment raised from CNY 180,000,000 to CNY 260,000,000.', {
        totalInvestment: cny(260_000_000),
      }),
      registerBusiness('2014-06-27'), land('2014-07-21'), build('2014-08-18'),
    ],
    progress: { reach: '0.3' },
  },
  // Yueyang 430600
  {
    slug: 'wilmar-yueyang', investor: 'wilmar', name: 'Yihai Kerry (Wilmar) Yueyang grain and oil processing base', city: '430600',
    industry: 'agricultural_industrialisation', capitalType: 'foreign', totalInvestment: usd(120_000_000), sourceRegions: ['singapore', 'asean'],
    leadChannel: 'advisor', introducers: [{ unit: 'yueyang-commerce-bureau', share: '0.8' }, { unit: 'provincial-commerce-department', share: '0.2' }],
    lead: { stage: 'strategy', on: '2014-01-22' },
    steps: [negotiate('2014-03-10'), sign('2014-06-06'), registerBusiness('2014-07-25'), land('2014-08-28'), build('2014-10-09')],
    progress: { reach: '0.2' },
  },
  {
    // Suspended while the city revised the plan for its plot, then resumed.
    slug: 'red-star-yueyang', investor: 'red-star-macalline', name: 'Red Star Macalline Yueyang home furnishing mall', city: '430600',
    industry: 'modern_services', capitalType: 'domestic', totalInvestment: cny(900_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'representative_office', introducers: [{ unit: 'yueyang-commerce-bureau', share: '0.7' }, { unit: 'hunan-shanghai-representative-office', share: '0.3' }],
    lead: { stage: 'negotiating', on: '2014-01-28' },
    steps: [
      sign('2014-03-14'), registerBusiness('2014-04-11'), land('2014-05-08'),
      suspend('2014-06-16', 'The city is revising the regulatory plan of the plot; the construction permit is withheld until the revised plan is approved.'),
      problem('regulatory-plan', '2014-06-20', {
        title: 'Regulatory plan revision for the mall plot',
        description: 'The plot ratio and the road layout of the plot change with the revised plan; the investor needs the revised conditions to continue.',
        assignedUnit: 'yueyang-urban-planning-bureau',
      }, { on: '2014-08-12', resolution: 'The revised regulatory plan was approved by the city planning committee on 2014-08-12, keeping the contracted plot ratio.' }),
      resume('2014-08-20', 'Construction permit issued after the revised plan.'),
      build('2014-09-10'),
    ],
    progress: { reach: '0.25', pause: ['2014-07', '2014-08'] },
  },
  // Changde 430700
  {
    slug: 'changde-hydraulics', investor: 'xinhai-hydraulics', name: 'Xinhai hydraulic components for construction machinery', city: '430700',
    industry: 'construction_machinery', capitalType: 'domestic', totalInvestment: cny(260_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'promotion_event', promotionEvent: PROMOTION_EVENTS.yangtzeDeltaSeries, introducers: [{ unit: 'changde-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-04-17' },
    steps: [negotiate('2014-05-20'), sign('2014-08-08'), registerBusiness('2014-09-26'), land('2014-10-20')],
    progress: { reach: '0.12' },
  },
  // Zhangjiajie 430800: abandoned.
  {
    slug: 'zhangjiajie-culture-park', investor: 'tianyu-culture', name: 'Tianyu Zhangjiajie culture and tourism park', city: '430800',
    industry: 'culture_and_creativity', capitalType: 'domestic', totalInvestment: cny(1_000_000_000), sourceRegions: ['bohai_rim'],
    leadChannel: 'online', introducers: [{ unit: 'zhangjiajie-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-02-14' },
    steps: [
      negotiate('2014-04-09'),
      problem('site-in-protection-zone', '2014-06-11', {
        title: 'Planned site overlaps the scenic-area protection zone',
        description: 'Part of the site lies within the core protection zone of the Wulingyuan scenic area, where no construction land can be granted.',
        assignedUnit: 'zhangjiajie-land-and-resources-bureau',
      }),
      abandon('2014-10-30', 'The investor withdrew: no alternative site of the required size was found outside the protection zone, and the capital went to a project in another province.'),
    ],
  },
  // Yiyang 430900
  {
    slug: 'yiyang-marine-equipment', investor: 'haiyun-marine', name: 'Haiyun marine deck machinery', city: '430900',
    industry: 'advanced_equipment_manufacturing', capitalType: 'domestic', totalInvestment: cny(450_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'chamber_or_association', introducers: [{ unit: 'yiyang-commerce-bureau', share: '1' }],
    lead: { stage: 'negotiating', on: '2014-03-03' },
    steps: [sign('2014-05-30'), registerBusiness('2014-07-04'), land('2014-07-29'), build('2014-09-02')],
    progress: { reach: '0.2' },
  },
  // Huaihua 431200
  {
    slug: 'huaihua-pharmaceuticals', investor: 'baicao-pharma', park: 'huaihua-industrial-park', name: 'Baicao traditional Chinese medicine extracts', city: '431200',
    industry: 'biotechnology', capitalType: 'domestic', totalInvestment: cny(320_000_000), sourceRegions: ['pearl_river_delta'],
    leadChannel: 'promotion_event', promotionEvent: PROMOTION_EVENTS.pearlDeltaSeries, introducers: [{ unit: 'huaihua-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-04-23' },
    steps: [negotiate('2014-06-11'), sign('2014-08-29'), registerBusiness('2014-10-10'), land('2014-11-14')],
    progress: { reach: '0.06' },
  },
  // Loudi 431300
  {
    slug: 'loudi-steel-materials', investor: 'jinhe-materials', name: 'Jinhe high-strength steel plate deep processing', city: '431300',
    industry: 'new_materials', capitalType: 'domestic', totalInvestment: cny(680_000_000), sourceRegions: ['yangtze_river_delta'],
    leadChannel: 'advisor', introducers: [{ unit: 'loudi-commerce-bureau', share: '0.5' }, { unit: 'provincial-commerce-department', share: '0.5' }],
    lead: { stage: 'intention', on: '2014-03-19' },
    steps: [
      negotiate('2014-05-06'), sign('2014-07-17'), registerBusiness('2014-08-15'),
      problem('rail-siding', '2014-08-27', {
        title: 'Rail siding to the plant',
        description: 'Coil deliveries need a rail siding from the Loudi freight yard; the connection is not in the railway plan.',
        assignedUnit: 'hunan-development-and-reform-commission',
      }, { on: '2014-10-21', resolution: 'The siding was added to the 2015 provincial railway plan; road transport is subsidised until it opens.' }),
      land('2014-09-09'), build('2014-10-13'),
    ],
    progress: { reach: '0.18' },
  },
  // Xiangxi 433100: below the threshold.
  {
    slug: 'xiangxi-tea-processing', investor: 'minxing-tea', name: 'Minxing Baojing golden tea processing', city: '433100',
    industry: 'agricultural_industrialisation', capitalType: 'domestic', totalInvestment: cny(80_000_000), sourceRegions: ['west_coast_of_straits'],
    leadChannel: 'chamber_or_association', introducers: [{ unit: 'xiangxi-commerce-bureau', share: '1' }],
    lead: { stage: 'intention', on: '2014-05-07' },
    steps: [sign('2014-07-02'), registerBusiness('2014-08-01'), land('2014-08-20'), build('2014-09-15')],
    progress: { reach: '0.5' },
  },
];
