// Writes one OIP request line (a samples file for `edgeprobe compare`) holding the seeded random
// inputs that `edgeprobe run MODEL --seed N` generates, at the model's default shapes:
//   node --import tsx scripts/dev/sample-line.ts MODEL.onnx OUT.jsonl [SEED=0]
import { readFileSync, writeFileSync } from 'node:fs';
import { inspectModel } from '../../src/lib/model/onnx.ts';
import { toOipRequest } from '../../src/lib/tensors/oip.ts';
import { defaultInputs } from '../../src/cli/run.ts';

const [model, out, seed = '0'] = process.argv.slice(2);
if (!model || !out || !/^\d+$/.test(seed)) {
  console.error('usage: node --import tsx scripts/dev/sample-line.ts MODEL.onnx OUT.jsonl [SEED=0]');
  process.exit(2);
}
inspectModel(new Uint8Array(readFileSync(model))).then((info) => {
  writeFileSync(out, `${JSON.stringify(toOipRequest(defaultInputs(info, Number(seed))))}\n`);
  console.log(`wrote ${out}`);
});
