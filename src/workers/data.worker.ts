// The data worker: reads sample files and computes drift off the main thread. Results that carry
// big buffers (model input batches) go back with comlink transfer().
import { expose, transfer } from 'comlink';
import { DataService } from './data-service.ts';
import type { ModelInputs } from './data-protocol.ts';
import type { ModelPlan } from '../lib/drift/model-plan.ts';
import { buffersOf } from '../lib/tensors/buffers.ts';
import type { Slot } from './data-protocol.ts';

class TransferringService extends DataService {
  override async modelInputs(slot: Slot, plan: ModelPlan): Promise<ModelInputs> {
    const r = await super.modelInputs(slot, plan);
    return r.batches ? transfer(r, buffersOf(r.batches.flatMap((b) => Object.values(b)))) : r;
  }
}

expose(new TransferringService());
