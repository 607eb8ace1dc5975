// Errors of the parity metrics. Each keeps an explicit `name` so it survives the worker boundary.

/** Device and baseline outputs cannot be compared: different shapes, kinds of data, or sizes. */
export class OutputMismatchError extends Error {
  override name = 'OutputMismatchError';
}

/** A parity option or label set is invalid (negative tolerance, k < 1, labels of the wrong length). */
export class ParityInputError extends Error {
  override name = 'ParityInputError';
}
