// The data worker's API: reading sample sets, splitting, model inputs/outputs and drift, as plain
// data only. Tables never leave the worker; the page gets summaries, reports and tensors.
import type { NumberDtype } from '../lib/data/table.ts';
import type { SplitSpec } from '../lib/data/split.ts';
import type { DriftReport, PlannedColumnInfo, QualityFinding, SemanticType } from '../lib/drift/types.ts';
import type { DriftSettings } from '../lib/drift/settings.ts';
import type { DriftTimeline, Window } from '../lib/drift/timeline.ts';
import type { ModelPlan } from '../lib/drift/model-plan.ts';
import type { PlainTensor, TensorMap } from '../lib/tensors/types.ts';

export type Slot = 'reference' | 'current';

/** One image of an image set: a picked/dropped file, or a bundled URL; label when known. */
export interface ImageItem {
  name: string;
  blob?: Blob;
  url?: string;
  label?: number;
  labelName?: string;
}

/** Where a sample set comes from. Files cross as Blobs (no copy); URLs are fetched in the worker. */
export type DataSource =
  | { kind: 'file'; file: Blob; name: string }
  | { kind: 'url'; url: string; name: string }
  | { kind: 'images'; items: ImageItem[]; name: string };

export type DataFormat = 'csv' | 'json' | 'jsonl' | 'parquet' | 'oip-jsonl' | 'images';

/** A column as the schema panel shows it. */
export interface ColumnInfo {
  name: string;
  storage: 'number' | 'string';
  dtype: NumberDtype | null;
  inferred: SemanticType;
  /** share of rows missing, 0..1 */
  missing: number;
  /** distinct text values (text columns), null for numbers */
  distinct: number | null;
  /** finite range of numeric columns */
  min: number | null;
  max: number | null;
  /** a remark such as "mostly numbers, 3 text values (e.g. "n/a?")" */
  note: string | null;
}

export interface TableInfo {
  name: string;
  format: DataFormat;
  rows: number;
  bytes: number | null;
  columns: ColumnInfo[];
  /** model-ready samples (OIP tensors or images) kept for prediction drift */
  samples: number;
  readMs: number;
}

/** Progress: `done` of `total` units ('bytes', 'rows', 'columns', 'images', 'windows'). */
export type DataProgressFn = (p: { phase: string; done: number; total: number | null; unit: string }) => void;

export interface TimelineRequest {
  column: string | null;
  window: Window;
}

/** What to compute: the drift settings (as stored in reports and read by the CLI) and whether to add predictions. */
export interface DriftRequest {
  settings: DriftSettings;
  includePredictions: boolean;
}

/** The plan of the loaded pair: each column's type and whether it is tested (see src/lib/drift/plan.ts). */
export interface DriftPlanInfo {
  columns: PlannedColumnInfo[];
  quality: QualityFinding[];
  locale: { reference: string; current: string };
  timeColumns: string[];
}

export interface PredictionSummary {
  rows: number;
  accuracy: number | null;
  labelColumn: string | null;
}

export interface DriftResult {
  report: DriftReport;
  timeline: DriftTimeline | null;
  predictions: { reference: PredictionSummary | null; current: PredictionSummary | null };
}

/** Model inputs for one set: batches to run in order, or why this set cannot feed the model. */
export type ModelInputs = { batches: TensorMap[]; rows: number; via: 'features' | 'samples' | 'images' } | { batches: null; reason: string };

/** A set's text column for a text model, or why there is none. */
export type ColumnTexts = { column: string; texts: string[] } | { column: null; reason: string };

export interface DataApi {
  /** Reads a sample set into `slot`; on failure the slot keeps what it had. */
  load(slot: Slot, source: DataSource, onProgress?: DataProgressFn, missing?: string[]): Promise<TableInfo>;
  /** The plan of the loaded pair under these settings (types, tested or not and why). */
  plan(settings: DriftSettings): Promise<DriftPlanInfo>;
  /** Reads one file and splits it into both slots. */
  loadSplit(source: DataSource, split: SplitSpec, onProgress?: DataProgressFn): Promise<{ reference: TableInfo; current: TableInfo; dropped: number }>;
  /** Columns of a file without reading its rows where the format allows (Parquet metadata, CSV head). */
  peekColumns(source: DataSource): Promise<{ name: string; storage: 'number' | 'string'; datetime: boolean; min: number | null; max: number | null }[]>;
  clear(slot: Slot): Promise<void>;
  /** Builds the model's input batches from a set (buffers transferred to the caller). */
  modelInputs(slot: Slot, plan: ModelPlan): Promise<ModelInputs>;
  /** The texts of a set's free-text column (`column`, else the first column typed text), for a text model. */
  columnTexts(slot: Slot, column?: string): Promise<ColumnTexts>;
  /** A text model's pooled output on a set ([rows, dim], flat), tested by MMD at the next compute. */
  setEmbeddings(slot: Slot, output: string, data: Float32Array, dim: number): Promise<void>;
  /** Takes the model's outputs for a set (in batch order) and adds prediction columns. */
  setPredictions(slot: Slot, outputs: PlainTensor[], labels: string[] | null): Promise<PredictionSummary>;
  clearPredictions(): Promise<void>;
  compute(req: DriftRequest, onProgress?: DataProgressFn): Promise<DriftResult>;
  /** The last result as a self-contained HTML document / as JSON text. */
  exportHtml(title: string): Promise<string>;
  exportJson(): Promise<string>;
  /** Stops the running read or computation at its next step (it rejects with CancelledError). */
  cancel(): Promise<void>;
}
