/** Languages written right to left; every other language is left to right. */
const RTL_LANGUAGES = new Set(["ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "dv", "ckb"]);

/** `rtl` or `ltr` for a BCP 47 language tag such as `ar`, `ar-SA` or `en`. */
export function directionOf(lang: string): "rtl" | "ltr" {
  return RTL_LANGUAGES.has(lang.toLowerCase().split("-")[0]) ? "rtl" : "ltr";
}

/** Language codes that a file name may carry before its extension: `budget.en.txt`. */
const LANG_SUFFIX = /\.([a-z]{2,3})\.(txt|md)$/;

/** The language a file name says (`x.en.txt` → `en`) when it is one of `languages`. */
export function languageOfFileName(name: string, languages: string[]): string | undefined {
  const lang = LANG_SUFFIX.exec(name)?.[1];
  return lang && languages.includes(lang) ? lang : undefined;
}
