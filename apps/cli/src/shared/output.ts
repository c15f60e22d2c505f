/** 12,345: counts and positions as people read them. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** "3 streams", "1 stream". */
export const plural = (n: number, word: string, many = `${word}s`): string => `${count(n)} ${n === 1 ? word : many}`;

const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as the province reads it: "2014-07-05 09:30" (Asia/Shanghai, UTC+8). */
export const shanghaiMinute = (iso: string): string => shanghai.format(new Date(iso));

/** Writes a line to stdout (results). */
export const println = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

/** Writes a line to stderr (diagnostics, summaries when stdout carries data). */
export const eprintln = (line = ''): void => {
  process.stderr.write(`${line}\n`);
};
