// Error raised when a file cannot be read as an ONNX model; the name survives the worker boundary.

/** The bytes are not a loadable ONNX model: empty, truncated, another file format, or no graph.
 * The message says what the file looks like instead. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}
