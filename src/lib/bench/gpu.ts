// Telling a software GPU adapter (SwiftShader, llvmpipe/lavapipe, Microsoft Basic Render / WARP)
// from a real one: its timings are a CPU emulating a GPU and must never be shown as a GPU's.

/** What a WebGPU adapter says about itself (GPUAdapterInfo fields, all optional). */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  /** GPUAdapterInfo.isFallbackAdapter: the browser's own word that this adapter is a fallback. */
  isFallbackAdapter?: boolean;
}

const SOFTWARE: [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/lavapipe/i, 'lavapipe'],
  [/llvmpipe/i, 'llvmpipe'],
  [/softpipe/i, 'softpipe'],
  [/basic render|microsoft basic/i, 'Microsoft Basic Render'],
  [/\bwarp\b/i, 'WARP'],
];

/** The software renderer's name when the adapter is one, else null. */
export function softwareAdapterName(info: AdapterInfoLike): string | null {
  const text = [info.vendor, info.architecture, info.description, info.device].filter(Boolean).join(' ');
  for (const [re, name] of SOFTWARE) if (re.test(text)) return name;
  return info.isFallbackAdapter ? 'a fallback (software) adapter' : null;
}

/** "software GPU (SwiftShader)" or the adapter's own description, for headers and fingerprints. */
export function adapterLabel(gpu: AdapterInfoLike & { available: boolean; software?: string }): string {
  if (!gpu.available) return 'no WebGPU';
  if (gpu.software) return `software GPU (${gpu.software})`;
  return gpu.description || [gpu.vendor, gpu.architecture].filter(Boolean).join(' ') || 'GPU';
}
