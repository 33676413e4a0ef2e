// `ikelens diff A B [--json] [--html FILE|-] [--show-secrets]`: compare the timelines of two logs, or
// of a log and an expected timeline (the JSON of `ikelens analyze --json`). Exit 0 when they match,
// 1 when they differ. --html writes the report of both logs with the side-by-side diff (reports/).
import { readFileSync } from 'node:fs';
import { diffReport } from '../../reports/index.js';
import { diffTimelines, diffView, divergenceText, unmatchedText, type DiffView, type TimelinesDiff } from '../diff/index.js';
import { InputError } from '../ingest/source.js';
import type { Session } from '../timeline.js';
import type { LogAnalysis } from '../analyze.js';
import { analyzeFile, writeHtml } from './analyze.js';
import { parseCli } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './main.js';

interface Side {
  readonly name: string;
  readonly views: { readonly id: string; readonly view: DiffView }[];
  /** The log's analysis (absent for an expected timeline .json). */
  readonly analysis?: LogAnalysis;
}

/** An expected timeline: the sessions of `ikelens analyze --json` (only the compared fields are read). */
function viewsFromJson(path: string): Side {
  let doc: { sessions?: unknown };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as { sessions?: unknown };
  } catch (e) {
    throw new InputError(`cannot read ${path} as an expected timeline: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc.sessions)) throw new InputError(`${path} has no "sessions" list (expected the JSON of ikelens analyze --json)`);
  const views = (doc.sessions as Record<string, any>[]).map((j, i) => ({
    id: String(j.id ?? `#${i + 1}`),
    view: diffView({
      role: j.role ?? null,
      phase1: { mode: j.mode ?? null, auth: j.auth ?? null, offered: [], accepted: j.phase1?.proposal?.accepted ?? null, reached: j.phase1?.reached ?? null, outcome: j.phase1?.outcome ?? 'incomplete' },
      phase2: (j.phase2 ?? []).map((q: Record<string, any>) => ({ ...q, transforms: q.transforms ?? [], proxies: q.proxies ?? {}, spis: q.spis ?? {}, pfsGroup: q.pfsGroup ?? undefined, mode: q.mode ?? undefined, lifetimeSeconds: q.lifetimeSeconds ?? undefined })),
      steps: (j.exchanges ?? []).map((x: Record<string, any>) => ({ label: x.label, sender: x.sender })),
      natt: j.natt ?? { detected: null },
      xauth: j.xauth ?? null,
      modeConfig: j.modeConfig ?? null,
    } as unknown as Session),
  }));
  return { name: path, views };
}

async function side(path: string): Promise<Side> {
  if (path.endsWith('.json')) return viewsFromJson(path);
  const a = await analyzeFile(path);
  return { name: path, views: a.sessions.map((s) => ({ id: s.id, view: diffView(s) })), analysis: a };
}

function text(a: Side, b: Side, diffs: TimelinesDiff['sessions'], extra: string[]): string {
  const out: string[] = [`A: ${a.name}`, `B: ${b.name}`];
  const value = (p: { a: unknown; b: unknown }) => (p.a !== null ? `A ${JSON.stringify(p.a)}` : `B ${JSON.stringify(p.b)}`);
  for (const { ids, d } of diffs) {
    out.push('', `${ids[0]} vs ${ids[1]}: ${d.equal ? 'the timelines match' : 'the timelines differ'}`);
    if (!d.equal) {
      const w = Math.max(4, ...d.steps.map((p) => (p.a ? `${p.a.label} (${p.a.sender})`.length : 1)));
      d.steps.forEach((p, i) => {
        const l = p.a ? `${p.a.label} (${p.a.sender})` : '—';
        const r = p.b ? `${p.b.label} (${p.b.sender})` : '—';
        out.push(`  ${i === d.firstDivergence ? '>' : ' '} ${String(i + 1).padStart(3)}  ${l.padEnd(w)}  ${r}`);
      });
      const first = divergenceText(d);
      if (first) out.push(`  ${first}`);
      if (d.params.length) out.push('  parameters that differ:', ...d.params.map((p) => `    ${p.name}: A ${JSON.stringify(p.a)}, B ${JSON.stringify(p.b)}`));
    }
    if (d.oneSided.length) out.push('  stated by one log only (not a divergence):', ...d.oneSided.map((p) => `    ${p.name}: ${value(p)}`));
  }
  out.push(...extra);
  return out.join('\n') + '\n';
}

export async function diffCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCli(args, { json: { type: 'boolean' }, html: { type: 'string' }, 'show-secrets': { type: 'boolean' } }, 2);
  if (positionals.length !== 2) throw new UsageError('give two logs (or a log and an expected timeline .json) to compare');
  if (values.html === '') throw new UsageError('--html needs a file name (or - for standard output)');
  if (values.html !== undefined && positionals.some((p) => p.endsWith('.json'))) throw new UsageError('--html compares two logs (an expected timeline .json has no source lines to show)');
  const [a, b] = await Promise.all([side(positionals[0]!), side(positionals[1]!)]);
  const t = diffTimelines(a.views, b.views);
  const diffs = t.sessions;
  const extra = unmatchedText(t, a.views.length + b.views.length > 0);
  if (values.html !== undefined) {
    writeHtml(values.html, diffReport(a.analysis!, b.analysis!, { showSecrets: values['show-secrets'] === true }), io);
    // the page went to standard output (nothing may follow it), or say where it went
    if (values.html === '-') return t.equal ? 0 : 1;
    if (!values.json) {
      io.out(`report written to ${values.html}\n`);
      return t.equal ? 0 : 1;
    }
  }
  io.out(values.json ? JSON.stringify({ ikelens: 'diff', version: 1, a: a.name, b: b.name, equal: t.equal, sessions: diffs.map((x) => ({ a: x.ids[0], b: x.ids[1], ...x.d })), unmatched: extra }, null, 2) + '\n' : text(a, b, diffs, extra));
  return t.equal ? 0 : 1;
}
