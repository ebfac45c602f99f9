import { xmlText } from "./xml.ts";

/** What `<`, `>`, `&`, U+2028 and U+2029 become, so JSON can sit inside `<script>` and any HTML. */
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/**
 * JSON for a `<script type="application/ld+json">` block or a JSON Feed. Valid JSON that cannot end
 * its script element (`</script>` becomes `\u003c/script\u003e`) or start an HTML comment.
 * Strings lose the control characters `xmlText` removes. Object members whose value is `""`,
 * `null` or `undefined` are left out, so templates can list optional properties plainly.
 *
 * @example scriptSafeJson({ headline: "</script>", image: "" }) // '{"headline":"\u003c/script\u003e"}'
 */
export function scriptSafeJson(value: unknown): string {
  const json = JSON.stringify(value, function (this: unknown, key: string, member: unknown) {
    // Nunjucks' SafeString (output of `{% set %}` blocks and `| safe`) is a String object: serialize its text.
    const plain = member instanceof String ? String(member) : member;
    const text = typeof plain === "string" ? xmlText(plain) : plain;
    if (key !== "" && !Array.isArray(this) && (text === "" || text === null)) return undefined;
    return text;
  });
  return (json ?? "null").replace(UNSAFE_IN_SCRIPT, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
