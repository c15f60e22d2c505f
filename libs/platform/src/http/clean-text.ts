/**
 * Characters no text field may hold: C0 controls but tab, line feed and carriage return; DEL and the C1
 * controls; the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make a
 * name read differently from what is stored ("Trojan Source"); and UTF-16 surrogates that are not paired, which
 * no UTF-8 encoder can write faithfully. Ordinary Unicode (CJK, accents, emoji, the bidi marks LRM/RLM) is kept.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` may not be stored, or undefined when it may. */
export function textProblem(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const unit = match[0].charCodeAt(0);
  const what =
    unit >= 0xd800 && unit <= 0xdfff
      ? 'an unpaired surrogate'
      : (unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069)
        ? 'a bidirectional override'
        : 'a control character';
  return `must not contain control characters, unpaired surrogates or bidirectional overrides (${what}, ${codePoint(unit)}, at index ${match.index})`;
}

/** NFC, so that one name has one stored form whichever way the client composed it. */
export const normalizeText = (text: string): string => (ASCII.test(text) ? text : text.normalize('NFC'));
// eslint-disable-next-line no-control-regex -- ASCII is its own NFC
const ASCII = /^[\u0000-\u007f]*$/;
