export { bootstrapMean, DEFAULT_RESAMPLES, DEFAULT_SEED, pairedBootstrapDifference, quantile, type BootstrapOptions } from "./bootstrap.js";
export { newcombeDifference, normalQuantile, wilsonInterval, zForLevel, type Interval } from "./interval.js";
export { mcnemarExact } from "./mcnemar.js";
export { seededRandom } from "./prng.js";
