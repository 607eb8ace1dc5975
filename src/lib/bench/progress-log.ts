// Benchmark progress as terminal lines (the CLI natively, and the harness page the CLI drives in
// Chromium): each config's round, its time estimate from its first run, each round's median.
import type { BenchHooks } from './run-matrix.ts';
import type { BenchProtocol } from './types.ts';
import { estimateConfigMs, formatDuration } from './estimate.ts';
import { configId } from './matrix.ts';

/** Progress lines for the terminal: each config's round, its time estimate after the first run, its result. */
export function progressLog(protocol: BenchProtocol, log: (line: string) => void): BenchHooks {
  const estimated = new Set<string>();
  let current = '';
  return {
    onConfigStart: (i, n, c, round, rounds) => {
      current = configId(c);
      log(`round ${round + 1}/${rounds} · config ${i + 1}/${n}: ${current}`);
    },
    onProgress: (_i, _n, p) => {
      if (p.phase !== 'first' || estimated.has(current)) return;
      estimated.add(current);
      log(`  first run ${p.firstRunMs.toFixed(3)} ms → about ${formatDuration(estimateConfigMs(protocol, p.firstRunMs))} for this config's ${protocol.rounds} round${protocol.rounds === 1 ? '' : 's'}`);
    },
    onRoundDone: (_i, round, r) => { if (r) log(`  round ${round + 1}: p50 ${r.p50.toFixed(3)} ms (n ${r.n}${r.capped ? `, time cap ${protocol.maxTimeMs / 1000} s reached` : ''})`); },
    onConfigDone: (c) => log(`  ${c.id}: ${c.compute ? `p50 ${c.compute.p50.toFixed(3)} ms (n ${c.compute.n} over ${c.rounds.length} rounds)` : `${c.error?.name}: ${c.error?.message}`}`),
  };
}

