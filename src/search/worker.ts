/** Worker thread entry of `writeSearchIndexInWorker`. */
import { parentPort, workerData } from "node:worker_threads";
import { leakFinder, type AuditTargets } from "../audit/audit.ts";
import type { IndexPart } from "./build.ts";
import { type SharedDocs, sharedDocs } from "./shared-docs.ts";
import { writeSearchIndex } from "./write.ts";

const {
  docs: shared,
  folder,
  audit,
  part,
  cacheDir,
  fingerprint,
} = workerData as {
  docs: SharedDocs;
  folder: string;
  audit?: AuditTargets;
  part: IndexPart;
  cacheDir?: string;
  fingerprint: string;
};
const docs = sharedDocs(shared);
// The published releases come without their texts, which are those of the docs with their address:
// decoded only when something is hidden, as only then does the audit search for it.
const texts = audit?.hidden.length ? new Map(docs.map((doc) => [doc.url, doc.text])) : undefined;
const targets = audit && { hidden: audit.hidden, published: audit.published.map((release) => ({ ...release, text: texts?.get(release.url) })) };
parentPort!.postMessage(writeSearchIndex(docs, folder, { findLeaks: leakFinder(targets), part, cacheDir, fingerprint }));
