// Every grammar's samples by family (the record rules' real lines), and the envelope samples.
import type { Family } from '../records.js';
import type { Sample } from './sample.js';
import { SAMPLES as IOS } from './ios.js';
import { SAMPLES as ASA } from './asa.js';
import { SAMPLES as STRONGSWAN } from './strongswan.js';
import { SAMPLES as SHOW } from './show.js';
import { SAMPLES as CONSOLE } from './console.js';

export { ENVELOPE_SAMPLES } from './envelope.js';

export const SAMPLES: Readonly<Record<Family, readonly Sample[]>> = { ios: IOS, asa: ASA, strongswan: STRONGSWAN, show: SHOW, console: CONSOLE };
