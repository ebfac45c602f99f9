/**
 * How well any ranking can do on title queries of a synthetic corpus: when
 * several titles hold the queried words as a phrase, nothing in the query tells
 * them apart, and a ranking that breaks such ties at random reaches this MRR@10.
 * A diagnostic for reading the evaluation; it uses the analyzer, so it plays
 * no part in making queries.
 */
import { analyzeWords } from "../../src/search/analyze.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import type { KnownItemQuery } from "./queries.ts";

/** Expected MRR@10 per query kind when releases holding the query as a title phrase tie. */
export function phraseCeiling(docs: SearchDoc[], queries: KnownItemQuery[]): Partial<Record<KnownItemQuery["kind"], number>> {
  const titles = new Map(
    docs.map((doc) => [
      doc.url,
      analyzeWords(doc.title)
        .filter((word) => word.stems.length > 0)
        .map((word) => new Set(word.stems)),
    ]),
  );
  const sums: Partial<Record<KnownItemQuery["kind"], number[]>> = {};
  for (const query of queries) {
    if (query.kind === "content") continue;
    const words = analyzeWords(query.query).filter((word) => word.stems.length > 0);
    const holds = (title: Array<Set<string>>): boolean =>
      title.some((_, start) => words.every((word, i) => title[start + i] !== undefined && word.stems.some((stem) => title[start + i].has(stem))));
    let best = 1;
    if (words.length > 0 && holds(titles.get(query.url)!)) {
      const ties = [...titles.values()].filter(holds).length;
      let sum = 0;
      for (let rank = 1; rank <= Math.min(ties, 10); rank++) sum += 1 / rank;
      best = sum / ties;
    }
    (sums[query.kind] ??= []).push(best);
  }
  return Object.fromEntries(Object.entries(sums).map(([kind, values]) => [kind, values.reduce((a, b) => a + b, 0) / values.length]));
}
