/**
 * Text for Adaptive Cards and webhook messages: plain text, NOT HTML-escaped (the client renders text, not markup).
 * Control characters (C0, DEL, C1, U+2028/2029) become spaces, runs of whitespace collapse, and the result is cut
 * to `max` characters with `…` (never splitting a surrogate pair).
 */
export function cardText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(cleaned);
  return chars.length <= max ? cleaned : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
