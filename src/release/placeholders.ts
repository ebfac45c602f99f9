/**
 * The placeholder text `npm run new` writes in a new release, and the check that none of it is
 * left when the release is published. One list serves both, so the check knows every placeholder
 * the scaffold can write, in every language, without guessing.
 */
import type { Diagnostic } from "./model.ts";

/** The placeholder paragraph by language; other languages get the English one. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  ar: "اكتب نص البيان هنا.",
  en: "Write the text of the release here.",
};

/** The placeholder paragraph for a release in `lang` (e.g. `ar`, `en-GB`). */
export function placeholderFor(lang: string): string {
  return PLACEHOLDERS[lang.split("-")[0]] ?? PLACEHOLDERS.en;
}

// Matched without the final full stop and spacing, so a line with text typed after the placeholder is caught too.
const SENTENCES = Object.values(PLACEHOLDERS).map((text) => fold(text.replace(/[.。]$/, "")));

function fold(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").toLowerCase();
}

/**
 * An error for each line of `body` that still holds a placeholder.
 * @param firstLine file line of the first line of `body`
 * @example findPlaceholders("عنوان\n\nاكتب نص البيان هنا.\n", 5, "releases/x.txt")[0].line // 7
 */
export function findPlaceholders(body: string, firstLine: number, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  body.split("\n").forEach((line, i) => {
    const folded = fold(line);
    if (!SENTENCES.some((sentence) => folded.includes(sentence))) return;
    diagnostics.push({
      file,
      line: firstLine + i,
      severity: "error",
      message: `the line still holds the placeholder that npm run new wrote ("${line.trim()}")`,
      hint: "replace it with the text of the release (everything up to the end mark is published)",
    });
  });
  return diagnostics;
}
