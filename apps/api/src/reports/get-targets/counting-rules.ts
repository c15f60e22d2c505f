/** The counting rules, stated in every answer so a reader of the numbers knows what was counted. */
export const COUNTING_RULES = {
  transferProjects:
    'Projects whose business registration (完成工商注册) is dated in the year and was recorded as counting: total investment at least CNY 200,000,000.00 ' +
    '(domestic) or USD 30,000,000.00 (foreign), on the amount in force when the registration was recorded. Final once recorded: later amendments and ' +
    'abandonment do not remove a project (abandonedSinceCounted says how many were abandoned since).',
  xiangnanMajorProjects:
    "Projects assigned to the year's Xiangnan batch with the assignment dated in the year and recorded as major (USD 50,000,000.00 or the CNY equivalent at " +
    'the rate in force on the assignment date).',
  rankedFirms:
    'Fortune Global 500 or China top-100 firms (their rankings as recorded now), one count per firm, in the year of the business registration of their ' +
    'first project in Hunan (the earliest registration date of any of their projects, whatever its size or later fate).',
  nationalZones:
    'Parks that reached national ETDZ or national high-tech zone level with the approval dated in the year, by upgrade or registered so.',
  comprehensiveBondedZones:
    'Parks that reached comprehensive bonded zone level with the approval dated in the year, by upgrade or registered so.',
  standardFactory: 'Standard factory floor area (m²) completed in the year, summed exactly over all parks.',
} as const;
