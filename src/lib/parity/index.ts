// Parity metrics: device outputs against a baseline (server, file, or another configuration).
export * from './errors.ts';
export * from './values.ts';
export * from './histogram.ts';
export * from './elementwise.ts';
export * from './classifier.ts';
export * from './accuracy.ts';
export * from './aggregate.ts';
export * from './verdict.ts';
