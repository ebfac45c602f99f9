/** The part of `@11ty/eleventy-img` 6 that Bayan uses (the package ships no type declarations). */
declare module "@11ty/eleventy-img" {
  export interface ImageOptions {
    widths?: Array<number | "auto" | null>;
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    sharpJpegOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    fixOrientation?: boolean;
    /** Return the outputs as `buffer`s and write nothing. */
    dryRun?: boolean;
    /** Reuse outputs already in `outputDir` (only checks they exist). */
    useCache?: boolean;
  }
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    url: string;
    sourceType: string;
    srcset: string;
    filename: string;
    outputPath: string;
    size: number;
    /** The output's bytes, with `dryRun`. */
    buffer?: Buffer;
  }
  /** Resizes and converts `src`, writing into `outputDir`; outputs already there are reused. */
  export default function eleventyImage(src: string, options?: ImageOptions): Promise<Record<string, ImageStat[]>>;
}
