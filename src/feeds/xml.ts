/**
 * Characters no XML 1.0 document may contain, not even as `&#…;` references: the C0 controls
 * except tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. DEL and the C1
 * controls are allowed by XML but are parse errors in the HTML a feed carries, and in releases
 * pasted from Word they are always debris, so they go too.
 */
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/**
 * Text that can go into an XML document once escaped: `undefined` and `null` become `""`,
 * anything else a string without the characters XML forbids. Escaping `<`, `&` and quotes is
 * left to the template engine's autoescape, so the result is never escaped twice.
 *
 * @example xmlText("a\u0000b <c>") // "ab <c>"
 */
export function xmlText(value: unknown): string {
  if (value === undefined || value === null) return "";
  // `/u` makes `\uD800-\uDFFF` match only unpaired surrogates: emoji and other astral characters stay.
  return String(value).replace(NOT_IN_XML, "");
}
