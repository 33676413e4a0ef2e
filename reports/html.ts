// HTML escaping. Everything that comes from a log (or a file name, or a finding built from one)
// goes through `esc` before it reaches the page: text content and attribute values alike.
import type { SourceModel } from './model.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escape for HTML text and for double- or single-quoted attribute values. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

/** A safe id/class token: letters, digits, `-` and `_` only. */
export function token(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** A link to a line of a source log (`#L<src>-<line>`); the page's script highlights it when clicked. */
export function lineLink(src: number, line: number, label: string, sources: readonly SourceModel[]): string {
  const file = sources.length > 1 ? `${sources[src]?.node ?? ''}:` : '';
  return `<a class="lnk" href="#L${src}-${line}" data-ref="${src}:${line}">${esc(`${file}${label}`)}</a>`;
}

/**
 * `<!doctype html>` to `</head>` of a page of ours: its Content-Security-Policy first (a constant
 * of ours; quotes are fine in a double-quoted attribute, anything else is refused), no referrer,
 * the phone viewport, the title (escaped) and the inline stylesheet.
 */
export function documentHead(csp: string, title: string, css: string): string {
  if (/["<>&]/.test(csp)) throw new Error('unexpected character in the Content-Security-Policy');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ikelens">
<title>${esc(title)}</title>
<style>${css}</style>
</head>`;
}
