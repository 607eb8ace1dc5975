// One piece of demo feedback as the app stores it (src/app/storage/db.ts) and exports it.
import type { OipTensor } from '../../lib/tensors/oip.ts';

export interface FeedbackRecord {
  /** Assigned by the store. */
  id?: number;
  /** sha256 of the model the prediction came from. */
  modelSha: string;
  modelName: string;
  /** ms since the epoch. */
  createdAt: number;
  /** The sample as OIP request tensors (plain JSON, so it survives storage and export unchanged). */
  inputs: OipTensor[];
  predicted: number;
  predictedName: string;
  /** Probability of the predicted class, 0..1. */
  confidence: number;
  correct: boolean;
  /** The right class: the prediction when marked right, the chosen label when marked wrong. */
  label: number;
  labelName: string;
}
