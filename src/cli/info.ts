// `edgeprobe info MODEL [--json]`: the model card, parsed from the file without running it.
import { inspectModel } from '../lib/model/onnx.ts';
import type { ModelInfo, ValueInfo } from '../lib/model/types.ts';
import { parseArgs, UsageError } from './args.ts';
import { readUserFile, writeOut } from './io.ts';

/** The JSON form of `info --json`: ModelInfo with `shape` for dims, as the DESIGN contract names it. */
export function infoJson(file: string, info: ModelInfo) {
  const vi = (v: ValueInfo) => ({ name: v.name, kind: v.kind, type: v.type, shape: v.dims });
  return {
    file,
    sha256: info.sha256,
    bytes: info.bytes,
    irVersion: info.irVersion,
    producer: { name: info.producerName, version: info.producerVersion },
    domain: info.domain,
    modelVersion: info.modelVersion,
    graphName: info.graphName,
    opsets: info.opsets,
    inputs: info.inputs.map(vi),
    outputs: info.outputs.map(vi),
    opCounts: info.opCounts,
    nodeCount: info.nodeCount,
    parameterCount: info.parameterCount,
    initializerCount: info.initializerCount,
    constantCount: info.constantCount,
    initializerBytes: info.initializerBytes,
    externalData: info.externalData,
    functions: info.functions,
    metadata: info.metadata,
    docString: info.docString,
  };
}

const shape = (dims: ValueInfo['dims']) => (dims === null ? '(rank unknown)' : `[${dims.map((d) => d ?? '?').join(', ')}]`);

export async function infoCommand(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { json: 'boolean', out: 'string' });
  const file = p.positionals[0];
  if (!file || p.positionals.length > 1) throw new UsageError('usage: edgeprobe info MODEL.onnx [--json] [--out FILE]');
  const info = await inspectModel(readUserFile(file, 'model'));
  if (p.flags.json) {
    writeOut(p.values.out, JSON.stringify(infoJson(file, info), null, 2));
    return 0;
  }
  const lines = [
    `${file}`,
    `  sha256      ${info.sha256}`,
    `  size        ${info.bytes.toLocaleString('en-US')} bytes`,
    `  format      ONNX IR v${info.irVersion}, producer ${info.producerName || '?'} ${info.producerVersion}`,
    `  opsets      ${info.opsets.map((o) => `${o.domain || 'ai.onnx'} v${o.version}`).join(', ')}`,
    `  parameters  ${info.parameterCount.toLocaleString('en-US')} in ${info.initializerCount} initializers${info.constantCount ? ` + ${info.constantCount} Constant nodes` : ''}`,
    `  inputs`,
    ...info.inputs.map((v) => `    ${v.name}  ${v.type}  ${shape(v.dims)}`),
    `  outputs`,
    ...info.outputs.map((v) => `    ${v.name}  ${v.type}  ${shape(v.dims)}`),
    `  operators   ${Object.entries(info.opCounts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`).join(' ')}`,
    ...Object.entries(info.metadata).map(([k, v]) => `  meta ${k} = ${v.length > 100 ? `${v.slice(0, 100)}…` : v}`),
  ];
  writeOut(p.values.out, lines.join('\n'));
  return 0;
}
