export const ROLES = ['admin', 'integration', 'reporter', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as resolved from the API key: never carries the key itself. */
export interface Principal {
  /** A stable, non-secret id of the key (a prefix of its SHA-256), used as the actor in audit metadata. */
  keyId: string;
  actor: string;
  role: Role;
  unit: string;
  /** GB/T 2260 city codes the key may act on; '*' for the whole province. */
  cities: string[] | '*';
}

export const mayActOnCity = (principal: Principal, city: string): boolean =>
  principal.cities === '*' || principal.cities.includes(city);
