// Error class for statistics called on unusable input (empty samples, non-finite values where a
// finite value is required). Keeps an explicit `name` so it survives structured cloning.

/** A statistic was given input it cannot be computed on; the message says what and what is valid. */
export class StatsInputError extends Error {
  override name = 'StatsInputError';
}
