/** Arabic-Indic (`٠`–`٩`) and Persian (`۰`–`۹`) digits, as the inside of a regular expression's character class. */
export const EASTERN_DIGITS = "\\u0660-\\u0669\\u06F0-\\u06F9";

const EASTERN_DIGIT = new RegExp(`[${EASTERN_DIGITS}]`);
const EASTERN_DIGIT_ALL = new RegExp(`[${EASTERN_DIGITS}]`, "g");

/** The ASCII digit of one Arabic-Indic or Persian digit: both blocks keep a digit's value in its low four bits. */
export const latinDigit = (digit: string): string => String(digit.charCodeAt(0) & 0xf);

/**
 * `٢٠٢٦` or `۲۰۲۶` → `2026`; every other character stays, one code unit for one, so indexes into
 * the text still hold.
 */
export function latinDigits(text: string): string {
  return EASTERN_DIGIT.test(text) ? text.replace(EASTERN_DIGIT_ALL, latinDigit) : text;
}
