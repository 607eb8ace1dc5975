import { describe, it, expect } from 'vitest';
import { adapterLabel, softwareAdapterName } from './gpu.ts';

describe('software GPU adapters', () => {
  it('names SwiftShader, llvmpipe, Basic Render and fallback adapters', () => {
    expect(softwareAdapterName({ vendor: 'google', architecture: 'swiftshader' })).toBe('SwiftShader');
    expect(softwareAdapterName({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe('llvmpipe');
    expect(softwareAdapterName({ description: 'Microsoft Basic Render Driver' })).toBe('Microsoft Basic Render');
    expect(softwareAdapterName({ vendor: 'x', isFallbackAdapter: true })).toBe('a fallback (software) adapter');
  });
  it('leaves real GPUs alone', () => {
    expect(softwareAdapterName({ vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060' })).toBeNull();
    expect(adapterLabel({ available: true, vendor: 'apple', architecture: 'metal-3' })).toBe('apple metal-3');
  });
  it('labels a software adapter as such', () => {
    expect(adapterLabel({ available: true, vendor: 'google', architecture: 'swiftshader', software: 'SwiftShader' })).toBe('software GPU (SwiftShader)');
    expect(adapterLabel({ available: false })).toBe('no WebGPU');
  });
});
