/** A release file with front matter `fields` (YAML lines, a summary added) and a one-paragraph body. */
export function releaseText(fields: string[], title = "بيان صحفي"): string {
  return `---\n${[...fields, "summary: ملخص البيان."].join("\n")}\n---\n${title}\n\nنص البيان.\n`;
}
