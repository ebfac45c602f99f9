/** The static server of `npm run preview`, which browser tests serve built sites with. */
export { serve, type StaticServer } from "../../src/serve/static-server.ts";
