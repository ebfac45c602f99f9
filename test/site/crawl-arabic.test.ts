import { ARABIC_SLUGS, describeCrawl } from "../feeds/crawler.ts";

// Arabic addresses under a sub-folder: percent-encoded in every link, UTF-8 file names, all reachable.
describeCrawl("/newsroom/", ARABIC_SLUGS);
