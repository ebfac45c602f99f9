/**
 * Function words left out of the search index: they occur in nearly every
 * release, so their postings would be the largest files while adding almost
 * nothing to ranking. Written as they are spelled; `analyze.ts` normalizes
 * them once with the same rules as the text.
 *
 * `على` is deliberately absent: after alef maqsura folding it is spelled like
 * the name `علي`, which readers do search for. It is frequent, so the index
 * prunes its postings instead.
 */
export const ARABIC_STOP_WORDS: readonly string[] = [
  "في", "من", "إلى", "عن", "مع", "أن", "إن", "أو", "ثم", "قد", "لقد", "لا", "لم", "لن", "ما", "ماذا",
  "هذا", "هذه", "هذي", "ذلك", "تلك", "هؤلاء", "أولئك", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي",
  "هو", "هي", "هم", "هن", "هما", "نحن", "أنا", "أنت", "أنتم", "كان", "كانت", "كانوا", "يكون", "تكون",
  "كل", "بين", "حتى", "عند", "عندما", "لدى", "لكن", "بل", "إذا", "إذ", "كما", "مثل", "منذ", "حيث",
  "أي", "أيضا", "أيضًا", "ليس", "ليست", "غير", "بعد", "قبل", "خلال", "ضمن", "نحو", "حول", "دون", "لأن", "كي",
  "فيه", "فيها", "منه", "منها", "عنه", "عنها", "له", "لها", "لهم", "به", "بها", "بهم", "عليه", "عليها", "عليهم",
  "إليه", "إليها", "هنا", "هناك", "ذات", "وقد", "فقد", "تم", "يتم", "سوف", "أما", "إما", "بينما", "لدي",
];

/** English function words, lower-case, before stemming. */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
  "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those",
  "will", "would", "has", "have", "had", "not", "which", "who", "whom", "than", "then", "there", "their",
  "they", "he", "she", "we", "our", "you", "your", "into", "also", "about", "over", "after", "s",
];
