/**
 * The industry catalogue of the seed (items 1, 12): seven strategic emerging industries, the traditional
 * advantage industries, the three special topics, and `other`, because projects are counted across all
 * sectors (全行业口径) and must be recordable even outside the named ones.
 */
export const INDUSTRY_GROUPS = [
  { code: 'strategic_emerging', en: 'Strategic emerging industries', zh: '战略性新兴产业' },
  { code: 'traditional_advantage', en: 'Traditional advantage industries', zh: '传统优势产业' },
  { code: 'special_topic', en: 'Special topics', zh: '专题' },
  { code: 'other', en: 'Other', zh: '其他' },
] as const;
export type IndustryGroupCode = (typeof INDUSTRY_GROUPS)[number]['code'];

export const INDUSTRIES = [
  {
    code: 'advanced_equipment_manufacturing',
    group: 'strategic_emerging',
    en: 'Advanced equipment manufacturing',
    zh: '先进装备制造',
  },
  { code: 'new_materials', group: 'strategic_emerging', en: 'New materials', zh: '新材料' },
  { code: 'culture_and_creativity', group: 'strategic_emerging', en: 'Culture and creativity', zh: '文化创意' },
  { code: 'biotechnology', group: 'strategic_emerging', en: 'Biotechnology', zh: '生物' },
  { code: 'new_energy', group: 'strategic_emerging', en: 'New energy', zh: '新能源' },
  { code: 'information', group: 'strategic_emerging', en: 'Information', zh: '信息' },
  {
    code: 'energy_saving_and_environmental_protection',
    group: 'strategic_emerging',
    en: 'Energy saving and environmental protection',
    zh: '节能环保',
  },
  { code: 'electronic_information', group: 'traditional_advantage', en: 'Electronic information', zh: '电子信息' },
  { code: 'auto_parts', group: 'traditional_advantage', en: 'Auto parts', zh: '汽车零部件' },
  { code: 'construction_machinery', group: 'traditional_advantage', en: 'Construction machinery', zh: '工程机械' },
  { code: 'rail_transit_equipment', group: 'traditional_advantage', en: 'Rail transit equipment', zh: '轨道交通设备' },
  {
    code: 'power_station_and_transmission_equipment',
    group: 'traditional_advantage',
    en: 'Power station and transmission equipment',
    zh: '电站及输变电成套设备',
  },
  {
    code: 'agricultural_industrialisation',
    group: 'special_topic',
    en: 'Agricultural industrialisation',
    zh: '农业产业化',
  },
  { code: 'modern_services', group: 'special_topic', en: 'Modern services', zh: '现代服务业' },
  { code: 'new_urbanisation', group: 'special_topic', en: 'New urbanisation', zh: '新型城镇化' },
  { code: 'other', group: 'other', en: 'Other', zh: '其他' },
] as const satisfies readonly { code: string; group: IndustryGroupCode; en: string; zh: string }[];

export type IndustryCode = (typeof INDUSTRIES)[number]['code'];
export const INDUSTRY_CODES: readonly IndustryCode[] = INDUSTRIES.map((i) => i.code);
