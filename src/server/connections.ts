// Per-client connection cap: one address may hold at most `max` open connections; the ones past
// the cap are answered 429 and closed, so a single client cannot take every socket the server has.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const OVER = Symbol('overCap');

/** Counts open connections by remote address and marks those past `max`. */
export class ConnectionCap {
  private readonly open = new Map<string, number>();

  constructor(server: Server, readonly max: number) {
    server.on('connection', (socket: Socket) => {
      const key = socket.remoteAddress ?? '?';
      const n = (this.open.get(key) ?? 0) + 1;
      this.open.set(key, n);
      if (n > max) (socket as Socket & { [OVER]?: boolean })[OVER] = true;
      socket.once('close', () => {
        const left = (this.open.get(key) ?? 1) - 1;
        if (left <= 0) this.open.delete(key);
        else this.open.set(key, left);
      });
    });
  }

  /** True when this socket was opened past its client's cap (answer 429 and close it). */
  isOver(socket: Socket): boolean {
    return (socket as Socket & { [OVER]?: boolean })[OVER] === true;
  }

  /** Open connections of one address. */
  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
