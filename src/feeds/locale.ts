/**
 * Region assumed for a bare language code in Open Graph's `og:locale`, which wants `ll_CC`.
 * Arabic defaults to Saudi Arabia (the site's default time zone is Asia/Riyadh); a site elsewhere
 * writes its region into the language code (`ar-EG`) to get `ar_EG`.
 */
const DEFAULT_REGION: Record<string, string> = {
  ar: "SA",
  en: "GB",
  fr: "FR",
  es: "ES",
  de: "DE",
  ur: "PK",
  fa: "IR",
  tr: "TR",
  id: "ID",
  ms: "MY",
  hi: "IN",
  bn: "BD",
  ru: "RU",
  zh: "CN",
  he: "IL",
  sw: "KE",
};

/**
 * Open Graph locale of a BCP 47 language tag.
 *
 * @example ogLocale("ar") // "ar_SA"
 * @example ogLocale("en-US") // "en_US"
 */
export function ogLocale(lang: string): string {
  const [language, ...rest] = lang.split("-");
  const region = rest.find((part) => /^[A-Za-z]{2}$/.test(part))?.toUpperCase() ?? DEFAULT_REGION[language.toLowerCase()];
  return region ? `${language.toLowerCase()}_${region}` : language.toLowerCase();
}
