// Text models: folders, tokenizer, inputs, predictions and word explanations (pure TypeScript).
export * from './errors.ts';
export * from './utf8.ts';
export * from './folder.ts';
export * from './tokenizer.ts';
export * from './inputs.ts';
export * from './classify.ts';
export * from './words.ts';
export * from './pipeline.ts';
export * from './samples.ts';
export * from './input-names.ts';
