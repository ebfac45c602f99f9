/**
 * Names wire copy writes in datelines: months of both calendars in their everyday spellings,
 * and news agencies. Arabic names are given folded (alef forms → ا, ى → ي, ة → ه), as the
 * dateline parser matches them; Latin names are matched without case, apostrophes or hyphens.
 */

/** Hijri months, Arabic spellings after folding. */
export const HIJRI_MONTHS: Record<string, number> = {
  محرم: 1, المحرم: 1, "محرم الحرام": 1, صفر: 2, "صفر الخير": 2,
  "ربيع الاول": 3, "ربيع اول": 3,
  "ربيع الاخر": 4, "ربيع اخر": 4, "ربيع الثاني": 4, "ربيع ثاني": 4,
  "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي اولي": 5,
  "جمادي الاخره": 6, "جمادي الاخر": 6, "جمادي اخره": 6, "جمادي اخر": 6, "جمادي الثانيه": 6, "جمادي الثاني": 6,
  رجب: 7, شعبان: 8, رمضان: 9, "رمضان المبارك": 9, شوال: 10,
  "ذو القعده": 11, "ذي القعده": 11, ذوالقعده: 11, "ذو الحجه": 12, "ذي الحجه": 12, ذوالحجه: 12,
};

/** Gregorian months, Arabic spellings after folding: Egyptian/Gulf, Levantine and Maghrebi names. */
export const GREGORIAN_MONTHS: Record<string, number> = {
  يناير: 1, فبراير: 2, مارس: 3, ابريل: 4, مايو: 5, يونيو: 6, يونيه: 6,
  يوليو: 7, يوليه: 7, اغسطس: 8, سبتمبر: 9, اكتوبر: 10, نوفمبر: 11, ديسمبر: 12,
  "كانون الثاني": 1, شباط: 2, اذار: 3, نيسان: 4, ايار: 5, حزيران: 6,
  تموز: 7, اب: 8, ايلول: 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
  جانفي: 1, فيفري: 2, افريل: 4, ماي: 5, جوان: 6, جويليه: 7, اوت: 8,
};

/** Hijri months as English copy spells them (SPA: `Ramadan 27, 1442 AH`). */
const LATIN_HIJRI_SPELLINGS: [number, string[]][] = [
  [1, ["Muharram", "Muharam"]],
  [2, ["Safar"]],
  [3, ["Rabi al-Awwal", "Rabi' al-Awwal", "Rabi ul-Awwal", "Rabi al-Awal", "Rabie al-Awwal", "Rabie al-Awal", "Rabi I"]],
  [4, ["Rabi al-Thani", "Rabi' al-Thani", "Rabi al-Akhir", "Rabi ul-Akhir", "Rabie al-Thani", "Rabie al-Akhir", "Rabi al-Akhar", "Rabi II"]],
  [5, ["Jumada al-Awwal", "Jumada al-Ula", "Jumada al-Oula", "Jumada al-Ola", "Jumad al-Awwal", "Jamada al-Awwal", "Jumada I"]],
  [6, ["Jumada al-Thani", "Jumada al-Akhirah", "Jumada al-Akhira", "Jumada al-Akhir", "Jumada al-Thaniyah", "Jamada al-Akhirah", "Jumada al-Akhera", "Jumada II"]],
  [7, ["Rajab"]],
  [8, ["Sha'ban", "Shaaban"]],
  [9, ["Ramadan", "Ramadhan"]],
  [10, ["Shawwal", "Shawal"]],
  [11, ["Dhu al-Qa'dah", "Dhul-Qa'dah", "Dhu al-Qi'dah", "Dhul-Qi'dah", "Thul-Qe'dah", "Thul-Qa'dah", "Zul-Qa'dah", "Dhu al-Qaadah", "Dhul-Qa'da"]],
  [12, ["Dhu al-Hijjah", "Dhul-Hijjah", "Thul-Hijjah", "Zul-Hijjah", "Dhu al-Hijja", "Dhul-Hijja", "Thul-Hijja"]],
];

const LATIN_GREGORIAN_SPELLINGS: [number, string[]][] = [
  [1, ["January", "Jan"]], [2, ["February", "Feb"]], [3, ["March", "Mar"]], [4, ["April", "Apr"]],
  [5, ["May"]], [6, ["June", "Jun"]], [7, ["July", "Jul"]], [8, ["August", "Aug"]],
  [9, ["September", "Sept", "Sep"]], [10, ["October", "Oct"]], [11, ["November", "Nov"]], [12, ["December", "Dec"]],
];

/** A Latin month name as a lookup key: lower case, letters only (`Dhul-Qa'dah` → `dhulqadah`). */
export const latinKey = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");

const byKey = (spellings: [number, string[]][]) =>
  Object.fromEntries(spellings.flatMap(([month, names]) => names.map((name) => [latinKey(name), month])));

export const LATIN_HIJRI_MONTHS: Record<string, number> = byKey(LATIN_HIJRI_SPELLINGS);
export const LATIN_GREGORIAN_MONTHS: Record<string, number> = byKey(LATIN_GREGORIAN_SPELLINGS);

/**
 * A pattern for a Latin name in any letter case, with its apostrophes optional and its hyphens
 * and spaces interchangeable: `Dhul-Qa'dah` also matches `DHUL QADAH` and `Dhul-Qadah`.
 */
function latinNamePattern(name: string): string {
  return [...name]
    .map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch === "'" ? "['’ʼ‘]?" : "[ -]?"))
    .join("");
}

/** Every Latin month name of both calendars as one alternation, longest first. */
export const LATIN_MONTH_PATTERN = [...LATIN_HIJRI_SPELLINGS, ...LATIN_GREGORIAN_SPELLINGS]
  .flatMap(([, names]) => names)
  .sort((a, b) => b.length - a.length)
  .map(latinNamePattern)
  .join("|");

/** Agencies that sign Arabic copy without brackets (`… 2015 م واس`), folded. */
export const ARABIC_AGENCIES = [
  "واس", "كونا", "وام", "بنا", "قنا", "العمانيه", "سانا", "بترا", "ا ف ب", "ا ش ا", "د ب ا", "رويترز", "الاناضول", "شينخوا", "يونا", "ارنا",
];

/** Agencies that sign English copy without brackets (`…, 2021 AD, SPA`). */
export const LATIN_AGENCIES = [
  "SPA", "AFP", "AP", "Reuters", "REUTERS", "KUNA", "WAM", "BNA", "QNA", "ONA", "SANA", "Petra", "PETRA", "MENA", "dpa", "DPA", "Xinhua", "Anadolu", "IRNA", "UNA",
];

/** Places a byline names (`عبدالرحمن الشهري – اليمن`), folded: tells the place from the name in `الرياض – محمد العتيبي`. */
export const PLACES = new Set([
  "الرياض", "جده", "مكه", "مكه المكرمه", "المدينه", "المدينه المنوره", "الدمام", "الخبر", "الظهران", "الاحساء", "الطائف",
  "تبوك", "ابها", "خميس مشيط", "جازان", "جيزان", "نجران", "الباحه", "الجوف", "سكاكا", "عرعر", "حائل", "القصيم", "بريده",
  "عنيزه", "ينبع", "القطيف", "الجبيل", "حفر الباطن", "القريات", "رفحاء", "بيشه", "الخرج", "المجمعه", "القنفذه", "رابغ",
  "الشرقيه", "المنطقه الشرقيه", "عسير", "الحدود الشماليه", "اليمن", "صنعاء", "عدن", "الكويت", "البحرين", "المنامه", "قطر",
  "الدوحه", "الامارات", "ابوظبي", "دبي", "الشارقه", "عمان", "مسقط", "الاردن", "مصر", "القاهره", "الاسكندريه", "لبنان",
  "بيروت", "سوريا", "دمشق", "العراق", "بغداد", "فلسطين", "القدس", "غزه", "رام الله", "ليبيا", "طرابلس", "تونس", "الجزائر",
  "المغرب", "الرباط", "السودان", "الخرطوم", "الصومال", "جيبوتي", "واشنطن", "نيويورك", "لندن", "باريس", "برلين", "موسكو",
  "بكين", "طوكيو", "جنيف", "بروكسل", "انقره", "اسطنبول", "طهران", "نيودلهي", "riyadh", "jeddah", "makkah", "madinah", "dammam",
  "kuwait", "dubai", "doha", "cairo", "london", "paris", "washington", "new york", "geneva",
]);

/** Desks a wire title may start with (`اقتصادي / …`), folded, Arabic and English. */
export const DESKS = new Set([
  "عام", "محلي", "دولي", "عربي", "عالمي", "سياسي", "اقتصادي", "رياضي", "ثقافي", "اجتماعي", "صحي", "تعليمي", "علمي",
  "تقني", "امني", "عسكري", "ديني", "اعلامي", "بيئي", "سياحي", "زراعي", "general", "economic", "economy", "sports", "sport",
  "cultural", "culture", "political", "politics", "local", "international", "health", "social",
]);
