import { describeCrawl } from "../feeds/crawler.ts";

// Served from a sub-folder, as on GitHub Pages: every link, asset, feed and sitemap entry must carry the prefix.
describeCrawl("/newsroom/");
