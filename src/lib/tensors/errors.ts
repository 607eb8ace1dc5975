// Error classes for tensor data shared by the engine, CLI, server and UI. Each keeps an explicit
// `name` so it survives structured cloning across the worker boundary and can be matched by name.

/** A tensor's shape (or element count) does not match what the model or the declared shape expects. */
export class InputShapeError extends Error {
  override name = 'InputShapeError';
}

/** Tensor data is malformed: unknown datatype, wrong JSON structure, or values of the wrong kind. */
export class DataFormatError extends Error {
  override name = 'DataFormatError';
}
