/** Worker thread entry of `writeSearchIndexInWorker`. */
import { parentPort, workerData } from "node:worker_threads";
import { leakFinder, leakFinderKey, type AuditTargets } from "../audit/audit.ts";
import type { SearchDoc } from "./model.ts";
import { writeSearchIndex } from "./write.ts";

const { docs, folder, audit, cacheDir, fingerprint } = workerData as {
  docs: SearchDoc[];
  folder: string;
  audit?: AuditTargets;
  cacheDir?: string;
  fingerprint: string;
};
// The published releases come without their texts, which are those of the docs with their address.
const texts = new Map(docs.map((doc) => [doc.url, doc.text]));
const targets = audit && { hidden: audit.hidden, published: audit.published.map((release) => ({ ...release, text: texts.get(release.url) })) };
parentPort!.postMessage(
  writeSearchIndex(docs, folder, { findLeaks: leakFinder(targets), leaksKey: cacheDir ? leakFinderKey(targets) : undefined, cacheDir, fingerprint }),
);
