import { describe, it, expect } from 'vitest';
import { settingsFromHash, settingsToHash, DEFAULT_SETTINGS } from './demo-link.ts';

describe('demo link', () => {
  it('round-trips every setting', () => {
    const s = { model: 'weather', method: 'permutation' as const, background: 80, group: 'season:4', positive: 2, baseline: 'http://127.0.0.1:8000', baselineModel: 'weather' };
    const hash = settingsToHash(s);
    expect(hash).toBe('#/demo?model=weather&explain=permutation&bg=80&group=season%3A4&positive=2&baseline=http%3A%2F%2F127.0.0.1%3A8000&baselineModel=weather');
    expect(settingsFromHash(hash)).toEqual(s);
  });
  it('defaults give a bare route, and a bare route gives defaults', () => {
    expect(settingsToHash(DEFAULT_SETTINGS)).toBe('#/demo');
    expect(settingsFromHash('#/demo')).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromHash('')).toEqual(DEFAULT_SETTINGS);
  });
  it('ignores bad values', () => {
    expect(settingsFromHash('#/demo?bg=-3&explain=magic&positive=x')).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromHash('#/demo?bg=2.5&positive=-1').background).toBe(50);
  });
});
