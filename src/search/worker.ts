/** Worker thread entry of `writeSearchIndexInWorker`. */
import { parentPort, workerData } from "node:worker_threads";
import type { SearchDoc } from "./model.ts";
import { writeSearchIndex } from "./write.ts";

const { docs, folder } = workerData as { docs: SearchDoc[]; folder: string };
parentPort!.postMessage(writeSearchIndex(docs, folder));
