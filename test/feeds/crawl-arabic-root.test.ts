import { ARABIC_SLUGS, describeCrawl } from "./crawler.ts";

// Arabic addresses at the root of a domain. In its own file: see describeCrawl.
describeCrawl("/", ARABIC_SLUGS);
