/** harness/esp: the ESP data plane of the reference implementation (see README.md). */
export * from './result.js';
export * from './ip.js';
export * from './transforms.js';
export * from './replay.js';
export * from './esp.js';
export * from './udp-encap.js';
export * from './spd.js';
export * from './sad.js';
export * from './dataplane.js';
export * from './show.js';
export * from './ip6.js';
