// Series colours for the benchmark charts: distinct in light and dark themes, assigned by config order.
export const SERIES = ['#0284c7', '#d97706', '#7c3aed', '#059669', '#db2777', '#4b5563', '#0891b2', '#65a30d'];
export const seriesColor = (i: number): string => SERIES[i % SERIES.length]!;
