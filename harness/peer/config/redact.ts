/** A config as text for people: YAML, with every key and password replaced by the analyzer's redaction mark. */
import { stringify } from 'yaml';
import { REDACTED } from '../../../analyzer/report/redact.js';
import { SECRET_SETTINGS } from './validate.js';

/** A deep copy of the raw config with the values of secret settings (key, pre-shared-key, password) redacted. */
export function redactConfig(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw.map(redactConfig);
  if (raw === null || typeof raw !== 'object') return raw;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, SECRET_SETTINGS.has(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redactConfig(v)]));
}

export function configText(raw: unknown, showSecrets = false): string {
  return stringify(showSecrets ? raw : redactConfig(raw));
}
