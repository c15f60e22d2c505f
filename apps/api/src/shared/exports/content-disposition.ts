/**
 * `attachment` with an ASCII file name for old clients and the real (Chinese) one as RFC 5987 `filename*`
 * (RFC 6266 §4.3: clients that understand filename* prefer it).
 */
export const attachment = (ascii: string, utf8: string): string => {
  const fallback = ascii.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};
