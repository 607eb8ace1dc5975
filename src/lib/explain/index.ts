// Explanations of single predictions: KernelSHAP and permutation attributions for tabular rows,
// occlusion saliency for images. All take a PredictRows callback; none touches a model runtime.
export * from './types.ts';
export { evaluateRows } from './evaluate.ts';
export { exactShapley } from './shapley-exact.ts';
export { shapleyKernel, solveKernelShap } from './kernel-weights.ts';
export { kernelShap, allCoalitions, sampleCoalitions, coalitionRows, type KernelShapOptions } from './kernel-shap.ts';
export { permutationAttributions, type PermutationOptions } from './permutation.ts';
export { occlusionMap, occlusionRuns, patchGrid, occlude, heatFromDrops, type ImageLayout, type OcclusionOptions, type SaliencyMap, type Patch } from './occlusion.ts';
