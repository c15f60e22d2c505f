import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * The port clients connect to: a plain TCP relay in front of the gRPC server (which listens on an ephemeral
 * loopback port). It exists for the faults a gRPC server object cannot produce by itself: resetting the very
 * connection a call came on, refusing connections (ECONNREFUSED) for a while, and closing the port.
 */
interface Pair {
  client: Socket;
  upstream: Socket;
}

export class TcpFront {
  private server: Server | undefined;
  private readonly pairs = new Set<Pair>();

  constructor(private readonly upstreamPort: () => number) {}

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Listens on `host:port` (0: any free port) and answers the port. */
  async listen(host: string, port: number): Promise<number> {
    if (this.server) throw new Error('already listening');
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return address.port;
  }

  /** Stops listening (new connections are refused) and resets every open connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.resetAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resets (TCP RST) every open connection; the port keeps listening. */
  resetAll(): number {
    const count = this.pairs.size;
    for (const pair of [...this.pairs]) this.reset(pair);
    return count;
  }

  /**
   * Resets the client connection a call came on: the gRPC server sees the relay's upstream socket as the
   * call's peer (`call.getPeer()` is "127.0.0.1:<local port of that socket>").
   */
  resetByPeer(peer: string): boolean {
    const port = Number(peer.slice(peer.lastIndexOf(':') + 1));
    for (const pair of this.pairs) {
      if (pair.upstream.localPort === port) {
        this.reset(pair);
        return true;
      }
    }
    return false;
  }

  private relay(client: Socket): void {
    const upstream = connect({ host: '127.0.0.1', port: this.upstreamPort() });
    const pair = { client, upstream };
    this.pairs.add(pair);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = (): void => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }

  private reset(pair: Pair): void {
    this.pairs.delete(pair);
    for (const socket of [pair.client, pair.upstream]) {
      if (socket.destroyed) continue;
      // An RST, as a crashed or partitioned node gives, rather than a polite FIN.
      if (typeof socket.resetAndDestroy === 'function' && !socket.connecting) socket.resetAndDestroy();
      else socket.destroy();
    }
  }
}
