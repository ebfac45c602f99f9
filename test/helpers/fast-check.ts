import fc from "fast-check";

/**
 * Vitest setup of every test file: property tests draw the same inputs on every run, so `npm test`
 * (and CI) passes or fails for the code alone. `BAYAN_FUZZ=1 npm test` draws fresh ones, to look
 * for new counterexamples; fast-check prints the seed and the shrunk input of a failure, which
 * then becomes an example test of its own.
 */
fc.configureGlobal(process.env.BAYAN_FUZZ ? {} : { seed: 20261129 });
