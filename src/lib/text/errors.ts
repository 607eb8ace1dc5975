// Errors of text models (Hugging Face-style folders, tokenizers, text input); each keeps its
// `name` across the worker boundary and says what was wrong and what is valid.

/** A model folder lacks tokenizer.json (or it is not a tokenizer), so text cannot become ids. */
export class TokenizerMissingError extends Error {
  override name = 'TokenizerMissingError';
}

/** The tokenizer can produce ids the model has no embedding for (vocabulary > embedding rows). */
export class VocabularyMismatchError extends Error {
  override name = 'VocabularyMismatchError';
}

/** A text or text file is not valid UTF-8; the message names the byte offset. */
export class InvalidUtf8Error extends Error {
  override name = 'InvalidUtf8Error';
}

/** A model folder is malformed: no model.onnx, unreadable config.json, or no text input. */
export class ModelFolderError extends Error {
  override name = 'ModelFolderError';
}

/** The worker was asked for a tokenizer it does not hold (e.g. after a restart): load it again. */
export class TokenizerNotFoundError extends Error {
  override name = 'TokenizerNotFoundError';
}
