/** One vendor ID payload to send, shared by the vendor-ID and NAT-T contributors. */
import { vendorIdByName, type VendorIdName } from '../../analyzer/model/vendor-ids.js';
import type { Payload } from '../codec/index.js';
import { fromHex } from '../crypto/index.js';
import type { Ikev1Engine } from './engine.js';
import type { IsakmpSa } from './sa.js';

/** A known vendor ID's payload, with its `ike.vid` out event; undefined for names without one exact hash. */
export function vendorIdPayload(engine: Ikev1Engine, sa: IsakmpSa, name: VendorIdName): Payload | undefined {
  const v = vendorIdByName(name);
  if (!v?.hex || v.match !== 'exact') return undefined;
  engine.emit(sa, { kind: 'ike.vid', dir: 'out', name, hex: v.hex });
  return { type: 'VID', data: fromHex(v.hex) };
}
