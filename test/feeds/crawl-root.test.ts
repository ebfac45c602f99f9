import { describeCrawl } from "./crawler.ts";

// The same crawl at the root of a domain. In its own file: see describeCrawl.
describeCrawl("/");
