// Compare's "Run samples as one stream" option: which models get it (state pairs, as Predict finds
// them), whether it starts ticked, and the words shown for it. Pure: no engine, no runes.
import { sequenceRoles } from '../../lib/sequence/plan.ts';
import type { SequenceValue, StatePair } from '../../lib/sequence/state-pairs.ts';

/** The state pairs a model carries over a sequence (empty: the model is not a streaming one). */
export const statePairsOf = (m: { inputs: readonly SequenceValue[]; outputs: readonly SequenceValue[] }): StatePair[] => sequenceRoles(m.inputs, m.outputs).pairs;

/**
 * Whether "Run samples as one stream" starts ticked: when the names say state (h→hn). A pair found
 * only by an identical shape may be a classifier whose input and output happen to match
 * ([1,10]→[1,10]): offered, left off.
 */
export const streamByDefault = (pairs: readonly StatePair[]): boolean => pairs.some((p) => p.by === 'name');

export { pairsText } from '../../lib/sequence/state-pairs.ts';

/** What the label of a server baseline adds when the device side ran as a stream. */
export const SERVER_SEQUENCE_NOTE = 'each sample sent as is, with the state inputs it holds (a server carries no state between requests)';

