/** Lifecycle tracking (seed item 22), in order. */
export const PROJECT_STAGES = [
  { code: 'strategy', en: 'Development strategy', zh: '企业发展战略' },
  { code: 'intention', en: 'Transfer intention', zh: '转移动态和意向' },
  { code: 'negotiating', en: 'Negotiating', zh: '在谈' },
  { code: 'signed', en: 'Signed', zh: '签约' },
  { code: 'landed', en: 'Landed', zh: '落地' },
  { code: 'under_construction', en: 'Under construction', zh: '在建' },
  { code: 'in_production', en: 'In production', zh: '投产' },
  { code: 'operating', en: 'Operating', zh: '营运' },
] as const;

export type ProjectStage = (typeof PROJECT_STAGES)[number]['code'];
export const PROJECT_STAGE_CODES: readonly ProjectStage[] = PROJECT_STAGES.map((s) => s.code);

/** Stages a lead may be registered at. */
export const LEAD_STAGES = ['strategy', 'intention', 'negotiating'] as const satisfies readonly ProjectStage[];
export type LeadStage = (typeof LEAD_STAGES)[number];

/** Stages reached with AdvanceProjectStage (signing has its own command). */
export const ADVANCEABLE_STAGES = [
  'intention',
  'negotiating',
  'landed',
  'under_construction',
  'in_production',
  'operating',
] as const satisfies readonly ProjectStage[];
export type AdvanceableStage = (typeof ADVANCEABLE_STAGES)[number];

export const stageIndex = (stage: ProjectStage): number => PROJECT_STAGE_CODES.indexOf(stage);

export const isSignedOrLater = (stage: ProjectStage): boolean => stageIndex(stage) >= stageIndex('signed');

/**
 * Before signing a project may skip stages forward, up to signing (no stage after `signed` without a
 * contract); from signing on, each stage is reached in turn. Never backwards.
 */
export const canAdvance = (from: ProjectStage, to: ProjectStage): boolean =>
  isSignedOrLater(from)
    ? stageIndex(to) === stageIndex(from) + 1
    : stageIndex(to) > stageIndex(from) && stageIndex(to) <= stageIndex('signed');
