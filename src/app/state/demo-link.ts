// The demo view's settings as a shareable link: they live in the hash after "#/demo?" and carry no
// data (no inputs, no feedback), only choices: model, explanation method, background size, group,
// positive class and an optional baseline server.

export interface DemoSettings {
  /** Bundled demo id ("digits", "weather") or a model URL; '' when the model came from a file. */
  model: string;
  method: 'shap' | 'permutation';
  /** Background rows for tabular explanations. */
  background: number;
  /** Group column id (see src/lib/fairness/groups.ts) or "set". */
  group: string;
  /** Class index treated as the positive outcome in the fairness table; -1 = the most common label. */
  positive: number;
  /** Optional OIP v2 server for the server latency badge. */
  baseline: string;
  baselineModel: string;
}

export const DEFAULT_SETTINGS: DemoSettings = { model: '', method: 'shap', background: 50, group: '', positive: -1, baseline: '', baselineModel: '' };

/** Settings from a hash like "#/demo?model=weather&group=season:4"; unknown or bad values fall back to defaults. */
export function settingsFromHash(hash: string): DemoSettings {
  const q = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const p = new URLSearchParams(q);
  const s = { ...DEFAULT_SETTINGS };
  s.model = p.get('model') ?? '';
  if (p.get('explain') === 'permutation') s.method = 'permutation';
  const bg = Number(p.get('bg'));
  if (Number.isInteger(bg) && bg >= 1 && bg <= 1000) s.background = bg;
  s.group = p.get('group') ?? '';
  const pos = Number(p.get('positive'));
  if (p.has('positive') && Number.isInteger(pos) && pos >= 0) s.positive = pos;
  s.baseline = p.get('baseline') ?? '';
  s.baselineModel = p.get('baselineModel') ?? '';
  return s;
}

/** The hash for these settings; defaults are left out so links stay short. */
export function settingsToHash(s: DemoSettings): string {
  const p = new URLSearchParams();
  if (s.model) p.set('model', s.model);
  if (s.method !== DEFAULT_SETTINGS.method) p.set('explain', s.method);
  if (s.background !== DEFAULT_SETTINGS.background) p.set('bg', String(s.background));
  if (s.group) p.set('group', s.group);
  if (s.positive >= 0) p.set('positive', String(s.positive));
  if (s.baseline) p.set('baseline', s.baseline);
  if (s.baselineModel) p.set('baselineModel', s.baselineModel);
  const q = p.toString();
  return `#/demo${q ? `?${q}` : ''}`;
}
