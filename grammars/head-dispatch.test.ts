// The second level of Body's dispatch (scripts/peggy-dispatch.mjs `headTable`), on a small grammar
// where its one subtle step decides the result: when every alternative after the head is skipped,
// the failure the plain rule records where the head ends must still be recorded. And the head memo
// (`addHeadMemo`), on a grammar where its keys decide: a head parsed at two places of one body,
// and a head parsed first silenced (in a look-ahead), then where its failure counts.
import { fileURLToPath, pathToFileURL } from 'node:url';
import peggy from 'peggy';
import { describe, expect, it } from 'vitest';

type Lib = { peg$success: boolean; peg$result: unknown; peg$maxFailPos: number; peg$currPos: number };
type Parser = { parse(input: string, options?: Record<string, unknown>): Lib };

const scripts = new URL('../scripts/', import.meta.url);
const load = async (file: string) => import(pathToFileURL(fileURLToPath(new URL(file, scripts))).href);

// `H` starts four alternatives (MIN_HEADED); `Plain` has no head; `Named` is a named rule
const GRAMMAR = `
Body = A / B / C / Named / D / Plain
H "head" = "HEAD:" [ ]*
A = H "x" { return "a"; }
B = h:H "yy" { return "b"; } / H "yz" { return "b2"; }
C = H [0-9]+ { return "c"; }
Named "named" = H "n" { return "n"; }
D = H "w" [a-z]* { return "d"; }
Plain = "P" { return "p"; }
`;

// `L` tries the head inside a look-ahead (silenced) before A..D; `Twice` has it at two places
const MEMO_GRAMMAR = `
Body = L / A / B / C / D / Twice / Plain
H = "HEAD:" [ ]* "!"
L = &(H "q") H "qq" { return "l"; }
A = H "x" { return "a"; }
B = H "y" { return "b"; }
C = H [0-9]+ { return "c"; }
D = H "w" { return "d"; }
Twice = H "=" H "z" { return "twice"; }
Plain = "P" { return "p"; }
`;

const { hoistPeggyParser, importCode } = await load('peggy-hoist.mjs');
const { addDispatch, headTable } = await load('peggy-dispatch.mjs');

async function build(grammar: string) {
  const sources = [{ source: 'test', text: grammar }];
  const ast = peggy.generate(sources, { output: 'ast', grammarSource: 'test', allowedStartRules: ['*'] } as never);
  const code = peggy.generate(sources, { output: 'source', format: 'es', allowedStartRules: ['*'], grammarSource: 'test' } as never) as unknown as string;
  const dispatched = addDispatch(hoistPeggyParser(code, 'test').code, ast, 'Body', 'test');
  const parser = (await importCode(dispatched.code)) as Parser;
  const run = (input: string, dispatch: boolean) => {
    const r = parser.parse(input, { peg$library: true, startRule: 'Body', peg$dispatch: dispatch });
    return { ok: r.peg$success, result: r.peg$success ? r.peg$result : null, end: r.peg$currPos, failPos: r.peg$maxFailPos };
  };
  return { ast, dispatched, run };
}

describe('head memo', async () => {
  const { dispatched, run } = await build(MEMO_GRAMMAR);

  it('is in the dispatched parse', () => {
    expect(dispatched.code).toContain('function peg$parseH$raw()');
  });

  it('replays a head only where and as it was parsed (the plain rule\'s result, end and failure position)', () => {
    // a head at a second place of the body is parsed there
    expect(run('HEAD: !=HEAD:!z', false).result).toBe('twice');
    expect(run('HEAD: !=HEAD:!z', true)).toEqual(run('HEAD: !=HEAD:!z', false));
    // a head that failed silenced (in L's look-ahead) records its failure where it counts
    expect(run('HEAD: ?', false).failPos).toBe(6);
    expect(run('HEAD: ?', true)).toEqual(run('HEAD: ?', false));
    for (const input of ['HEAD:!qq', 'HEAD:!x', 'HEAD: !y', 'HEAD:!42', 'HEAD:!w', 'HEAD:!=HEAD:!', 'HEAD:', 'P', ''])
      expect(run(input, true), input).toEqual(run(input, false));
  });
});

describe('head dispatch', async () => {
  const { ast, dispatched, run } = await build(GRAMMAR);

  it('finds the head and the characters each alternative can go on with after it', () => {
    const t = headTable(ast, 'Body') as { head: string | null; codes: Set<number> | null; named: boolean }[];
    expect(t.map((x) => x.head)).toEqual(['H', 'H', 'H', null, 'H', null]);
    expect([...t[1]!.codes!]).toEqual(['y'.charCodeAt(0)]);
    expect([...t[2]!.codes!].sort((a, b) => a - b)).toEqual([...'0123456789'].map((c) => c.charCodeAt(0)));
    expect(t[3]!.named).toBe(true);
    expect(dispatched.code).toContain('peg$headEnd(peg$parseH)');
  });

  it('gives the plain rule\'s result, end and failure position', () => {
    for (const input of ['HEAD: x', 'HEAD:yy', 'HEAD:   yz', 'HEAD: 42', 'HEAD: n', 'HEAD: wabc', 'P', 'HEAD: q', 'HEAD:', 'HEAD', 'HEAD: y', 'HEAD: é', 'x', ''])
      expect(run(input, true), input).toEqual(run(input, false));
  });

  it('records the failure where the head ends when every alternative after it is skipped', () => {
    // only `Named` is tried (its failure is recorded at the start): the plain rule's furthest
    // failure is where A, B, C and D fail, after the head
    expect(run('HEAD: q', false).failPos).toBe(6);
    expect(run('HEAD: q', true).failPos).toBe(6);
  });
});
