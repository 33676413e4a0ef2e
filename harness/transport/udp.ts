/**
 * UDP sockets for an engine talking to real peers: one socket per local port (IKE 500 and NAT-T
 * 4500 by default, any ports for tests), all on one local address. Datagrams in are handed over
 * with their source and the local endpoint they arrived on; the engine does the rest (framing,
 * demultiplexing IKE from ESP on the NAT-T port).
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Datagram, Endpoint } from './endpoint.js';

export type DatagramHandler = (bytes: Uint8Array, from: Endpoint, to: Endpoint) => void;

export interface UdpTransportOptions {
  readonly address: string;
  /** Local ports to bind; 0 picks a free port (see `ports` after `open`). */
  readonly ports: readonly number[];
}

export class UdpTransport {
  private handler: DatagramHandler = () => {};
  /** Errors of the sockets after they were bound (a send to an unreachable port, ...), kept, not thrown. */
  readonly errors: Error[] = [];

  private constructor(
    readonly address: string,
    private readonly sockets: ReadonlyMap<number, Socket>,
  ) {}

  /** Binds every port; fails with one sentence when a port cannot be bound. */
  static async open(o: UdpTransportOptions): Promise<UdpTransport> {
    const bound = new Map<number, Socket>();
    try {
      for (const requested of o.ports) {
        const socket = createSocket({ type: isIPv6(o.address) ? 'udp6' : 'udp4' });
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(requested, o.address, () => {
            socket.off('error', reject);
            resolve();
          });
        }).catch((e: NodeJS.ErrnoException) => {
          socket.close();
          throw new Error(`cannot bind UDP ${o.address}:${requested}: ${e.code ?? e.message}`);
        });
        bound.set(socket.address().port, socket);
      }
    } catch (e) {
      for (const s of bound.values()) s.close();
      throw e;
    }
    const t = new UdpTransport(o.address, bound);
    for (const [port, socket] of bound) {
      socket.on('message', (msg, rinfo) => t.handler(new Uint8Array(msg.buffer, msg.byteOffset, msg.length).slice(), { address: rinfo.address, port: rinfo.port }, { address: o.address, port }));
      socket.on('error', (e) => t.errors.push(e));
    }
    return t;
  }

  /** The bound local ports, in the order requested. */
  get ports(): number[] {
    return [...this.sockets.keys()];
  }

  onDatagram(handler: DatagramHandler): void {
    this.handler = handler;
  }

  /** Sends from the socket bound to `d.from.port`; a datagram from a port we do not hold is an error kept in `errors`. */
  send(d: Datagram): void {
    const socket = this.sockets.get(d.from.port);
    if (!socket) return void this.errors.push(new Error(`no socket bound to local port ${d.from.port}`));
    socket.send(d.bytes, d.to.port, d.to.address, (e) => {
      if (e) this.errors.push(e);
    });
  }

  close(): Promise<void> {
    return Promise.all([...this.sockets.values()].map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined);
  }
}
