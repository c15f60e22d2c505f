/** How a lead reached us (seed item 12). `promotion_event` requires the event to be named. */
export const LEAD_CHANNELS = [
  { code: 'representative_office', en: 'Representative office', zh: '商务代表处' },
  { code: 'chamber_or_association', en: 'Chamber of commerce or association', zh: '商协会' },
  { code: 'advisor', en: 'Investment promotion advisor', zh: '招商顾问' },
  { code: 'investor_referral', en: 'Referral by an investor', zh: '以商招商' },
  { code: 'online', en: 'Online promotion', zh: '网上招商' },
  { code: 'promotion_event', en: 'Promotion event', zh: '对接活动' },
  { code: 'other', en: 'Other', zh: '其他' },
] as const;

export type LeadChannel = (typeof LEAD_CHANNELS)[number]['code'];
export const LEAD_CHANNEL_CODES: readonly LeadChannel[] = LEAD_CHANNELS.map((c) => c.code);

export const CAPITAL_TYPES = [
  { code: 'domestic', en: 'Domestic capital', zh: '内资' },
  { code: 'foreign', en: 'Foreign capital', zh: '外资' },
] as const;
export type CapitalType = (typeof CAPITAL_TYPES)[number]['code'];
export const CAPITAL_TYPE_CODES: readonly CapitalType[] = CAPITAL_TYPES.map((c) => c.code);
