// Model cards people can read and edit, exported as Hugging Face Markdown or JSON.
export * from './types.ts';
export { fromBundledCard } from './from-bundled.ts';
export { cardToMarkdown, markdownToCard } from './markdown.ts';
export { cardToJson, cardFromJson } from './json.ts';
export { parseLabels, labelsToText, MAX_LABELS } from './labels.ts';
