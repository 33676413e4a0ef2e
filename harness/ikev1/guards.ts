/**
 * The `when` guards of received rows (analyzer/model/transitions.ts), evaluated on a message's
 * content: where rows share their input, the engine takes the row whose guard holds.
 */
import { isErrorNotify } from '../../analyzer/model/registries.js';
import type { Guard } from '../../analyzer/model/transitions.js';
import type { Payload } from '../codec/index.js';
import type { Ikev1Engine } from './engine.js';
import { first } from './handlers.js';
import { phase1Acceptable } from './phase1.js';
import { statusGuardHolds } from './transaction.js';

export function guardHolds(engine: Ikev1Engine, when: Guard, payloads: readonly Payload[]): boolean {
  switch (when) {
    case 'error-notify':
      return payloads.some((p) => p.type === 'N' && isErrorNotify(p.notifyType));
    case 'no-proposal-chosen':
      return !phase1Acceptable(engine, first(payloads, 'SA'));
    case 'status-ok':
    case 'status-fail':
      return statusGuardHolds(when, payloads);
    default:
      return false; // deletes are chosen by informational.ts, which sends them
  }
}
