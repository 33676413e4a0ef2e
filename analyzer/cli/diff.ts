// `ikelens diff A B [--json]`: compare the timelines of two logs, or of a log and an expected
// timeline (the JSON of `ikelens analyze --json`). Exit 0 when they match, 1 when they differ.
import { readFileSync } from 'node:fs';
import { diffView, diffViews, type DiffView, type SessionDiff } from '../diff/index.js';
import { InputError } from '../ingest/source.js';
import type { Session } from '../timeline.js';
import { analyzeFile } from './analyze.js';
import { parseCli } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './main.js';

interface Side {
  readonly name: string;
  readonly views: { readonly id: string; readonly view: DiffView }[];
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
  return { name: path, views: a.sessions.map((s) => ({ id: s.id, view: diffView(s) })) };
}

function text(a: Side, b: Side, diffs: { ids: [string, string]; d: SessionDiff }[], extra: string[]): string {
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
      if (d.firstDivergence !== null) {
        const p = d.steps[d.firstDivergence]!;
        out.push(`  first divergence at step ${d.firstDivergence + 1}: ${p.a ? `A has ${p.a.label}` : 'A has nothing'}, ${p.b ? `B has ${p.b.label}` : 'B has nothing'}`);
      }
      if (d.params.length) out.push('  parameters that differ:', ...d.params.map((p) => `    ${p.name}: A ${JSON.stringify(p.a)}, B ${JSON.stringify(p.b)}`));
    }
    if (d.oneSided.length) out.push('  stated by one log only (not a divergence):', ...d.oneSided.map((p) => `    ${p.name}: ${value(p)}`));
  }
  out.push(...extra);
  return out.join('\n') + '\n';
}

export async function diffCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCli(args, { json: { type: 'boolean' } }, 2);
  if (positionals.length !== 2) throw new UsageError('give two logs (or a log and an expected timeline .json) to compare');
  const [a, b] = await Promise.all([side(positionals[0]!), side(positionals[1]!)]);
  const n = Math.min(a.views.length, b.views.length);
  const diffs = Array.from({ length: n }, (_, i) => ({ ids: [a.views[i]!.id, b.views[i]!.id] as [string, string], d: diffViews(a.views[i]!.view, b.views[i]!.view) }));
  const extra = [
    ...a.views.slice(n).map((v) => `A has a session B lacks: ${v.id}`),
    ...b.views.slice(n).map((v) => `B has a session A lacks: ${v.id}`),
  ];
  if (!a.views.length && !b.views.length) extra.push('neither input has an IKE SA');
  const equal = diffs.every((x) => x.d.equal) && extra.length === 0;
  io.out(values.json ? JSON.stringify({ ikelens: 'diff', version: 1, a: a.name, b: b.name, equal, sessions: diffs.map((x) => ({ a: x.ids[0], b: x.ids[1], ...x.d })), unmatched: extra }, null, 2) + '\n' : text(a, b, diffs, extra));
  return equal ? 0 : 1;
}

