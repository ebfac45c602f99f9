const formats = new Map<string, Intl.NumberFormat>();

/**
 * A file size in the page's language and digits, in kilobytes below one megabyte:
 * `2.4 MB`, `٢٫٤ ميغابايت` (`arab` digits) or `2.4 ميغابايت` (`latn`).
 */
export function formatFileSize(bytes: number, lang: string, digits: "arab" | "latn"): string {
  const mega = bytes >= 1000 * 1000;
  const locale = `${lang === "ar" ? "ar" : lang}-u-nu-${lang === "ar" ? digits : "latn"}`;
  const key = `${locale}|${mega}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "unit",
      unit: mega ? "megabyte" : "kilobyte",
      unitDisplay: lang === "ar" ? "long" : "short",
      maximumFractionDigits: mega ? 1 : 0,
    });
    formats.set(key, format);
  }
  return format.format(mega ? bytes / 1e6 : Math.max(1, Math.round(bytes / 1000)));
}

/** A language's name in the page's language: `en` on an Arabic page is `الإنجليزية`; an unknown code stays as written. */
export function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}
