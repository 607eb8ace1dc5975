// The one palette: categorical series colours (Okabe–Ito, colour-blind safe) and semantic colours
// (ok/warn/fail, reference/current, ink/muted/line). Charts paint with `paint(name)`, a CSS
// variable with the light-theme colour as fallback, so the app's dark theme applies and a
// standalone report (no variables defined) still draws in these colours.

/** Okabe & Ito (2008) colours, black left out (it vanishes in the dark theme); yellow last (weak on white). */
export const SERIES = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'] as const;

/** Series colour i (wraps around). */
export const seriesColor = (i: number): string => SERIES[((i % SERIES.length) + SERIES.length) % SERIES.length]!;

/**
 * Semantic colours: CSS variable name (in src/app/app.css) and its light-theme value. The app's
 * dark theme overrides the variables; reports use the values below.
 */
export const SEMANTIC = {
  ink: { cssVar: '--ink', light: '#0f172a' },
  muted: { cssVar: '--muted', light: '#64748b' },
  line: { cssVar: '--line', light: '#e2e8f0' },
  panel: { cssVar: '--panel', light: '#ffffff' },
  accent: { cssVar: '--accent', light: '#0284c7' },
  ok: { cssVar: '--good', light: '#15803d' },
  warn: { cssVar: '--warn', light: '#b45309' },
  fail: { cssVar: '--bad', light: '#b91c1c' },
  /** The reference data set / baseline side of a two-set chart. */
  reference: { cssVar: '--ref', light: SERIES[0] },
  /** The current data set / device side of a two-set chart. */
  current: { cssVar: '--cur', light: SERIES[1] },
} as const;

export type SemanticColor = keyof typeof SEMANTIC;

/** A paint value for SVG `style` (fill/stroke): `var(--name, #light)`. */
export function paint(name: SemanticColor): string {
  const c = SEMANTIC[name];
  return `var(${c.cssVar}, ${c.light})`;
}

/** `:root{--ink:#…;…}` with every semantic colour's light value, for a standalone report's CSS. */
export function cssVariables(): string {
  return `:root{${Object.values(SEMANTIC).map((c) => `${c.cssVar}:${c.light}`).join(';')}}`;
}
