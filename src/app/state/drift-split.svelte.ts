// One file split into reference and current on the drift screen: the file, its columns (peeked
// in the data worker), and the user's split choice; `spec` is derived (pure logic in src/lib).
import { splitSpecOf } from '../../lib/drift/split-spec.ts';
import type { SplitSpec } from '../../lib/data/split.ts';

export type PeekColumn = { name: string; storage: 'number' | 'string'; datetime: boolean; min: number | null; max: number | null };

export class SplitChoice {
  file = $state.raw<File | null>(null);
  columns = $state.raw<PeekColumn[]>([]);
  mode = $state<'half' | 'cut'>('half');
  column = $state<string | null>(null);
  cut = $state('');

  /** The split to run, or a message saying what to enter. */
  readonly spec: SplitSpec | string = $derived(splitSpecOf(this.columns, this.mode, this.column, this.cut));

  /** A new file: its columns; cut at the first datetime column when there is one, else in half. */
  choose(file: File | null, columns: PeekColumn[] = []): void {
    this.file = file;
    this.columns = columns;
    const time = columns.find((c) => c.datetime);
    this.column = time?.name ?? columns.find((c) => c.storage === 'number')?.name ?? null;
    this.mode = time ? 'cut' : 'half';
  }
}
