/** Worker thread entry of `writeSearchIndexInWorker`. */
import { parentPort, workerData } from "node:worker_threads";
import type { SearchDoc } from "./model.ts";
import { writeSearchIndex } from "./write.ts";

const { docs, folder, texts } = workerData as { docs: SearchDoc[]; folder: string; texts: boolean };
parentPort!.postMessage(writeSearchIndex(docs, folder, { texts }));
