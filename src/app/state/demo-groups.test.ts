// driftByGroup on the bundled weather pair, split by season. Reference (SciPy 1.10, recorded here):
//   a = pd.read_csv('public/samples/weather-2012.csv'); b = pd.read_csv('public/samples/weather-2015.csv')
//   per season s: ks_2samp(a[season==s][c], b[season==s][c]).pvalue for c in the four numeric inputs
//   autumn  91/91  precipitation 0.8761 temp_max 0.5217 temp_min 0.5217 wind 0.8761
//   spring  92/92  precipitation 0.0589 temp_max 0.0021 temp_min 0.0163 wind 0.0589
//   summer  92/92  precipitation 0.7738 temp_max 0.0    temp_min 0.0    wind 0.3186
//   winter  91/90  precipitation 0.1824 temp_max 0.0    temp_min 0.0007 wind 0.1245
// so at p < 0.05 the temperatures drift in spring, summer and winter, and nothing in autumn.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../lib/data/csv.ts';
import { seasonOfMonth } from '../../lib/fairness/groups.ts';
import { driftByGroup } from './demo-groups.ts';

const read = (f: string) => ({ name: f, table: parseCsv(readFileSync(join(process.cwd(), 'public/samples', f), 'utf8')) });
const pair = { reference: read('weather-2012.csv'), current: read('weather-2015.csv') };
const features = ['precipitation', 'temp_max', 'temp_min', 'wind', 'month'];

describe('driftByGroup (weather 2012 → 2015 by season)', () => {
  it('matches the per-season KS tests of SciPy', () => {
    const rows = driftByGroup(pair, features, (x) => seasonOfMonth(x[4]!), ['month'])!;
    expect(rows.map((r) => [r.group, r.referenceRows, r.currentRows, r.drifted])).toEqual([
      ['autumn', 91, 91, []],
      ['spring', 92, 92, ['temp_max', 'temp_min']],
      ['summer', 92, 92, ['temp_max', 'temp_min']],
      ['winter', 91, 90, ['temp_max', 'temp_min']],
    ]);
    expect(rows.every((r) => r.dataset.nTested === 4)).toBe(true);
    expect(rows.map((r) => r.dataset.drifted)).toEqual([false, true, true, true]);
  });
  it('null when the tables lack a model feature', () => {
    expect(driftByGroup(pair, ['precipitation', 'humidity'], () => 'all')).toBeNull();
  });
});
