// Access lines for `edgeprobe serve --log json|text`: one line per answered request with what an
// operator needs (status, model, bytes, queue and compute time), written after the response ends.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the handler learnt about a request while serving it. Times in ms. */
export interface AccessInfo {
  start: bigint;
  bytesIn: number;
  model?: string;
  queueMs?: number;
  computeMs?: number;
}

const round = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 1000);

/** One access line; `json` is a JSON object (fields in snake_case, times in ms). */
export function accessLine(format: 'json' | 'text', req: IncomingMessage, res: ServerResponse, info: AccessInfo, totalMs: number): string {
  // A response closed before it finished (client gone, connection reset) is logged as such.
  const status = res.writableFinished ? res.statusCode : 0;
  const fields = {
    time: new Date().toISOString(),
    remote: req.socket.remoteAddress ?? '',
    method: req.method ?? '',
    path: req.url ?? '',
    status,
    model: info.model,
    bytes_in: info.bytesIn,
    bytes_out: Number(res.getHeader('content-length') ?? 0),
    queue_ms: round(info.queueMs),
    compute_ms: round(info.computeMs),
    total_ms: round(totalMs),
  };
  if (format === 'json') return JSON.stringify(fields);
  const timing = info.computeMs === undefined ? '' : ` queue ${fields.queue_ms} ms compute ${fields.compute_ms} ms`;
  return `${fields.time} ${fields.remote} ${fields.method} ${fields.path} ${status || 'closed'} ${fields.bytes_in}B in ${fields.bytes_out}B out${timing} total ${fields.total_ms} ms`;
}
