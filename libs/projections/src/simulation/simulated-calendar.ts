/** Months are counted from the simulation's first month; days are clamped to 28 so every month has them. */
export interface SimDate {
  month: number;
  day: number;
}

export const dateOf = (firstMonth: string, { month, day }: SimDate): string => {
  const [year, first] = firstMonth.split('-').map(Number);
  const total = first - 1 + month;
  const y = year + Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;
};

export const monthOfDate = (date: string): string => date.slice(0, 7);

/** `months` months and `days` days after `from`, as a SimDate. */
export const after = (from: SimDate, months: number, day: number): SimDate => ({ month: from.month + months, day });
