/**
 * UDP endpoints and the datagram the engine hands to a transport. Transports (the in-memory network,
 * UDP sockets) move datagrams between endpoints and know nothing of IKE; the engine decides which
 * local port to send from (500, or 4500 after a NAT-T float) and frames what it sends.
 */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** IANA: ISAKMP (RFC 2408) is UDP port 500. */
export const IKE_PORT = 500;
/** RFC 3947 §4: "the IKE and IPsec traffic ... use UDP port 4500" after NAT-T floats. */
export const NATT_PORT = 4500;

export interface Datagram {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly bytes: Uint8Array;
}

/** What an engine gives its transport: send `bytes` from one of its local endpoints to a remote one. */
export type SendDatagram = (d: Datagram) => void;

export function endpoint(address: string, port: number = IKE_PORT): Endpoint {
  return { address, port };
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.address === b.address && a.port === b.port;
}

export function endpointText(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
