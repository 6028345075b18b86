import fc from "fast-check";

/**
 * The seed every fast-check property in `npm test` runs from, so that CI is reproducible. `npm run fuzz` sets
 * SENDA_FUZZ_SEED to a random one (and SENDA_PROPERTY_SCALE to many more runs), and prints it when a run fails.
 */
export const FIXED_SEED = 20_240_301;

const fromEnvironment = Number(process.env.SENDA_FUZZ_SEED);
fc.configureGlobal({ seed: Number.isInteger(fromEnvironment) ? fromEnvironment : FIXED_SEED });
