import { build } from "esbuild";

const bundles = new Map<string, Promise<string>>();

/**
 * The code of a worker thread's entry `file` and what it imports, bundled once per process (a
 * worker thread does not inherit the TypeScript loader), for `new Worker(code, { eval: true })`.
 * Name the entry as `path.join(import.meta.dirname, \`name${path.extname(import.meta.filename)}\`)`,
 * which the code fingerprint's walk of Bayan's modules follows (see `modules.ts`).
 */
export function workerCode(file: string): Promise<string> {
  let code = bundles.get(file);
  if (!code) {
    code = build({ entryPoints: [file], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "error" }).then(
      (result) => result.outputFiles[0].text,
    );
    bundles.set(file, code);
  }
  return code;
}
