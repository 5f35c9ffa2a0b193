const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes a value for HTML text and for double- or single-quoted attribute values (SVG text included, since
 * inline SVG is parsed by the HTML parser). Run names, member names, KQL and messages come from Fleet, config
 * and Log Analytics, so every one of them is untrusted here.
 */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
