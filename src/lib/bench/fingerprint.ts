// The device fingerprint stored with every result, so two results can be told apart by where they
// ran: browser/OS, cores, memory, isolation, GPU adapter, runtime version, model and input shapes.
import type { BenchRuntime, Fingerprint } from './types.ts';
import { adapterLabel } from './gpu.ts';

/** The device as the engine reports it (protocol.ts EnvironmentInfo extends this with threads). */
export interface EnvironmentLike {
  ortVersion: string;
  userAgent: string;
  platform: string;
  hardwareConcurrency: number;
  deviceMemoryGb: number | null;
  crossOriginIsolated: boolean;
  /** `software` names the renderer when the adapter is a CPU emulating a GPU (SwiftShader, llvmpipe…). */
  webgpu: { available: boolean; reason?: string; vendor?: string; architecture?: string; description?: string; software?: string };
  webnn: boolean;
}

/** Build the fingerprint; `date` defaults to now (ISO 8601). */
export function makeFingerprint(
  runtime: BenchRuntime, env: EnvironmentLike, modelSha256: string, inputShapes: Fingerprint['inputShapes'], date = new Date(),
): Fingerprint {
  return {
    runtime,
    userAgent: env.userAgent,
    platform: env.platform,
    cores: env.hardwareConcurrency,
    deviceMemoryGb: env.deviceMemoryGb,
    crossOriginIsolated: env.crossOriginIsolated,
    gpu: { ...env.webgpu },
    webnn: env.webnn,
    ortVersion: env.ortVersion,
    modelSha256,
    inputShapes,
    date: date.toISOString(),
  };
}

/** One line describing the device, for tables and history lists. */
export function fingerprintLine(f: Fingerprint): string {
  const browser = /(Chrome|Firefox|Safari|Edg|HeadlessChrome)\/[\d.]+/.exec(f.userAgent)?.[0] ?? f.userAgent.slice(0, 40);
  const gpu = adapterLabel(f.gpu);
  return `${f.runtime} · ${browser} · ${f.platform} · ${f.cores} cores · ort ${f.ortVersion} · ${gpu}`;
}
