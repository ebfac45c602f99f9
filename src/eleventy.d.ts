/** The small part of Eleventy 3's API that Bayan uses (Eleventy ships no type declarations). */
declare module "@11ty/eleventy" {
  export interface EleventyConfig {
    pathPrefix: string;
    dir: { input: string; output: string; includes: string; layouts?: string; data: string };
    /** The project's folders as the config set them, relative to the working folder (read-only). */
    directories: { input: string; output: string; includes: string; layouts?: string; data: string };
    setIncludesDirectory(dir: string): void;
    setLayoutsDirectory(dir: string): void;
    setDataDirectory(dir: string): void;
    setTemplateFormats(formats: string | string[]): void;
    addLayoutAlias(from: string, to: string): void;
    addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void | Promise<void>, options?: T): void;
    addExtension(extensions: string | string[], engine: Record<string, unknown>): void;
    addTemplateFormats(formats: string | string[]): void;
    addTemplate(virtualPath: string, content: string | ((data: any) => unknown), data?: Record<string, unknown>): void;
    addGlobalData(name: string, value: unknown): void;
    addFilter(name: string, filter: (...args: any[]) => unknown): void;
    addPassthroughCopy(copy: string | Record<string, string>, options?: Record<string, unknown>): void;
    addWatchTarget(target: string): void;
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    on(event: string, handler: (...args: any[]) => unknown): void;
    ignores: { add(glob: string): void };
    watchIgnores: { add(glob: string): void };
    versionCheck(range: string): void;
    getFilter(name: string): (...args: any[]) => unknown;
    addTransform(name: string, transform: (this: { inputPath: string; outputPath: string | false }, content: unknown) => unknown): void;
    /** The transforms added so far, by name, in the order Eleventy runs them. */
    transforms: Record<string, unknown>;
    templateHandling: { writeMode?: "sync" | "async" };
    /** Added by Eleventy's bundle plugin: the site's bundles by name. */
    getBundleManagers?(): Record<string, { isDelayed?(): boolean }>;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    static getVersion(): string;
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
    init(): Promise<void>;
    setIncrementalBuild(incremental: boolean): void;
    /** Eleventy's logger; `overrideLogger` gives it a console-like object to write to. */
    logger: { overrideLogger(logger: Pick<Console, "log" | "info" | "warn" | "error">): void };
    /** Set by `watch()`: Eleventy's chokidar watcher and its build state. */
    watcher?: { emit(event: "change", path: string): boolean };
    watchManager?: { isBuildRunning(): boolean };
  }
  export function HtmlBasePlugin(config: EleventyConfig, options?: Record<string, unknown>): void;
}

declare module "@11ty/eleventy-plugin-rss" {
  import type { EleventyConfig } from "@11ty/eleventy";
  const rss: (config: EleventyConfig, options?: Record<string, unknown>) => void;
  export default rss;
  export function dateToRfc822(date: Date | string | number, timeZone?: string): string;
  export function dateToRfc3339(date: Date): string;
  export function absoluteUrl(url: string, base: string): string;
  export function convertHtmlToAbsoluteUrls(html: string, base: string, options?: Record<string, unknown>): Promise<string>;
}
