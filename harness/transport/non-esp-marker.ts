/**
 * What arrives on a UDP port that carries both IKE and ESP (RFC 3948 §2): the first four octets tell.
 *
 * RFC 3948 §2.2: "The Non-ESP Marker is 4 bytes of zero aligned with the SPI field of an ESP
 * packet" and precedes IKE messages on the NAT-T port. §2.3: a NAT-keepalive packet is "a single
 * octet" 0xFF. §2.1: anything else is UDP-encapsulated ESP (its SPI is never zero, RFC 4303 §2.1).
 */
export const NON_ESP_MARKER = new Uint8Array(4);

export type NattDatagram =
  | { readonly kind: 'ike'; readonly message: Uint8Array }
  | { readonly kind: 'esp'; readonly packet: Uint8Array }
  | { readonly kind: 'keepalive' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Classifies a datagram received on the NAT-T port. */
export function classifyNattDatagram(bytes: Uint8Array): NattDatagram {
  if (bytes.length === 1 && bytes[0] === 0xff) return { kind: 'keepalive' };
  if (bytes.length < 4) return { kind: 'invalid', reason: `${bytes.length}-octet datagram is neither IKE, ESP nor a keepalive` };
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0) return { kind: 'ike', message: bytes.subarray(4) };
  return { kind: 'esp', packet: bytes };
}

/** Prefixes an IKE message with the non-ESP marker for the NAT-T port. */
export function withNonEspMarker(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + message.length);
  out.set(message, 4);
  return out;
}
