import type { Money } from '@itp/domain';
import type { CnyEquivalent } from '../queries/cny-equivalent';
import type { Cell, Column } from './export-model';

/** The columns of an amount converted to CNY: the original, its currency, the rate used and the CNY figure. */
export const moneyColumns = (prefix: string, label: string): Column[] => [
  { key: `${prefix}Amount`, header: `${label}（原币）`, kind: 'money', width: 18 },
  { key: `${prefix}Currency`, header: '币种', width: 8 },
  { key: `${prefix}Rate`, header: '汇率（美元/人民币）', kind: 'rate', width: 12 },
  { key: `${prefix}RateOn`, header: '汇率生效日', width: 12 },
  { key: `${prefix}Cny`, header: `${label}（折人民币元）`, kind: 'money', width: 20 },
];

/** Cells for moneyColumns: no rate for CNY; no CNY figure (and the reason in `note`) when there was no rate. */
export const moneyCells = (prefix: string, money: Money | null, cny: CnyEquivalent | null): Record<string, Cell> => ({
  [`${prefix}Amount`]: money?.amount ?? null,
  [`${prefix}Currency`]: money?.currency ?? null,
  [`${prefix}Rate`]: cny !== null && cny.amount !== null ? (cny.rate?.rate ?? null) : null,
  [`${prefix}RateOn`]: cny !== null && cny.amount !== null ? (cny.rate?.effectiveOn ?? null) : null,
  [`${prefix}Cny`]: cny?.amount ?? null,
});

/** Why an amount has no CNY figure, for a remarks column. */
export const unconvertedNote = (cny: CnyEquivalent | null): string | null =>
  cny !== null && cny.amount === null ? `未折算：${cny.reason}` : null;

export const NOTE_COLUMN: Column = { key: 'note', header: '备注', width: 40 };
