// Argument parsing shared by the commands: node's parseArgs, with its errors turned into one
// usage sentence.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, maxPositionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify.*$/s, '').replace(/\s+/g, ' ').trim());
  }
  if (parsed.positionals.length > maxPositionals)
    throw new UsageError(`too many arguments: ${parsed.positionals.slice(maxPositionals).join(' ')}`);
  return parsed;
}
