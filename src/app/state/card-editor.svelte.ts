// The model card being read and edited for the loaded model: the bundled card, or this device's
// edits of it (kept per model by sha256). Its labels are the ones every screen names classes with.
import { fromBundledCard, parseLabels, type EditableCard } from '../../lib/card/index.ts';
import { storedValue, type KeyValueStore } from '../storage/local.ts';

/** What the card needs of a model: its identity, file name and bundled card (if any). */
export interface CardSource {
  sha256: string;
  name: string;
  card: Record<string, unknown> | null;
}

export class CardEditor {
  /** The card shown and edited (mutated in place by the editor's fields; `save` keeps it). */
  card = $state<EditableCard | null>(null);
  private source = $state.raw<CardSource | null>(null);
  /** Class names in output order: the card's, else the bundled card's, else none. */
  labels = $derived.by((): string[] => {
    const own = this.card?.labels ?? [];
    if (own.length) return own;
    const bundled = this.source?.card?.labels;
    return Array.isArray(bundled) ? bundled.map(String) : [];
  });

  /** `store`: Web Storage (tests pass a Map-backed one; null keeps nothing). */
  constructor(private readonly store?: KeyValueStore | null) {}

  private stored(sha: string) {
    return storedValue<EditableCard | null>('demoCard', {
      id: sha, fallback: null, store: this.store,
      parse: (r) => (r && typeof r === 'object' && typeof (r as EditableCard).name === 'string' ? { ...fromBundledCard(null, ''), ...(r as EditableCard) } : undefined),
    });
  }

  /** Show model `m`'s card (this device's edit of it when there is one); the same model keeps its edits. */
  use(m: CardSource): void {
    if (this.source?.sha256 === m.sha256 && this.card) return;
    this.source = m;
    this.card = this.stored(m.sha256).get() ?? fromBundledCard(m.card, m.name);
  }

  /** Keep the card's edits on this device (per model); false when storage is blocked or full. */
  save(): boolean {
    if (!this.source || !this.card) return false;
    return this.stored(this.source.sha256).set($state.snapshot(this.card));
  }

  /** Replace the whole card (an opened card file) and keep it. */
  replace(card: EditableCard): void {
    this.card = card;
    this.save();
  }

  /** Set the labels from text, one per line (typed, or a labels/keys file); throws CardFormatError. */
  setLabels(text: string): void {
    if (!this.card) return;
    this.card.labels = parseLabels(text);
  }

  /** Back to the card that came with the model (this device's edits are forgotten). */
  reset(): void {
    if (!this.source) return;
    this.stored(this.source.sha256).remove();
    this.card = fromBundledCard(this.source.card, this.source.name);
  }
}
