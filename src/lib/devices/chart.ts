// The Devices view's chart as a chart-kit spec: p50 per device × config with its 95 % interval as a
// whisker (green/red when judged against a budget), and the budget as a vertical line.
import { caption } from '../chart/axis.ts';
import type { ChartSpec, Mark } from '../chart/marks.ts';
import { paint } from '../chart/palette.ts';
import { linear } from '../chart/scales.ts';
import { formatMs } from '../format.ts';
import { configName, deviceName, type DeviceGroup } from './rows.ts';

/** One row per stored result of the group, on a linear ms axis from 0. */
export function devicesChart(group: DeviceGroup): ChartSpec {
  const rowH = 22, left = 8, width = 640, top = 18;
  const max = Math.max(...group.rows.map((r) => r.stats.p50Ci.high), 0, group.budget?.ms ?? 0) * 1.1 || 1;
  const x = linear([0, max], [left, width - 16]);
  const height = top + group.rows.length * rowH + 8;
  const marks: Mark[] = [caption(left, 12, '0', 'start', 11), caption(width - 16, 12, formatMs(max), 'end', 11)];
  group.rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const s = r.stats;
    marks.push({
      type: 'group', title: `${deviceName(r)} · ${configName(r.config)}: p50 ${formatMs(s.p50)} [${formatMs(s.p50Ci.low)}, ${formatMs(s.p50Ci.high)}]`,
      marks: [
        { type: 'rule', x1: x(s.p50Ci.low), x2: x(s.p50Ci.high), y1: y, y2: y, stroke: paint('muted'), strokeWidth: 2 },
        { type: 'circle', x: x(s.p50), y, r: 4, fill: r.budget ? (r.budget.pass ? paint('ok') : paint('fail')) : paint('accent'), class: r.budget ? (r.budget.pass ? 'pass' : 'fail') : undefined },
        caption(x(s.p50Ci.high) + 6, y + 4, `#${r.id}`, 'start', 11),
      ],
    });
  });
  if (group.budget) {
    const bx = x(group.budget.ms);
    marks.push({ type: 'rule', x1: bx, x2: bx, y1: top - 4, y2: height - 4, stroke: paint('warn'), dash: '4 3', strokeWidth: 2 },
      caption(bx, top - 6, `budget ${group.budget.metric} ${formatMs(group.budget.ms)}`, 'middle', 11));
  }
  return { width, height, label: `p50 latency with 95 % interval per device for ${group.model}${group.budget ? `; budget ${group.budget.metric} ${group.budget.ms} ms` : ''}`, marks };
}
