/**
 * Reading a peer config file: JSON (`.json`) or YAML (anything else; YAML 1.2 reads JSON too),
 * then validation. Problems come back as sentences (the file's own ones name the line and column,
 * never its text: it may hold keys).
 */
import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { validateConfig } from './validate.js';
import type { PeerConfig } from './schema.js';

export type LoadResult = { readonly ok: true; readonly config: PeerConfig; readonly raw: unknown } | { readonly ok: false; readonly errors: readonly string[] };

/** Parses config text; `name` is used in messages and picks JSON for `.json`. */
export function parseConfigText(text: string, name: string): { ok: true; raw: unknown } | { ok: false; error: string } {
  const format = /\.json$/i.test(name) ? 'JSON' : 'YAML';
  try {
    return { ok: true, raw: parseYaml(text, { uniqueKeys: true }) };
  } catch (e) {
    if (!(e instanceof YAMLParseError)) throw e;
    const where = e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    const why = e.message.split(/ at line \d+|\n/)[0]!.trim();
    return { ok: false, error: `${name} is not valid ${format}${where}: ${why.charAt(0).toLowerCase()}${why.slice(1)}` };
  }
}

export function loadConfig(path: string): LoadResult {
  let text: string;
  try {
    if (statSync(path).isDirectory()) return { ok: false, errors: [`cannot read ${path}: it is a directory`] };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, errors: [code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${code ?? (e as Error).message}`] };
  }
  return loadConfigText(text, path);
}

export function loadConfigText(text: string, name: string): LoadResult {
  const parsed = parseConfigText(text, name);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const v = validateConfig(parsed.raw);
  return v.ok ? { ok: true, config: v.config, raw: parsed.raw } : { ok: false, errors: v.errors.map((e) => `${name}: ${e}`) };
}
