// First-character dispatch of a start rule's alternatives, derived from the grammar.
//
// A dialect's `Body` is a choice of 30-150 alternatives that peggy tries one after another; a
// body of another dialect (or a new message) costs a failed attempt of every one of them. From
// the grammar's AST this module computes, for each alternative, the set of ASCII characters it
// can start with (its FIRST set; "any" when it can match the empty string or starts with
// something not analysed), and adds to the generated parser a version of the rule that, for an
// ASCII first character, calls only the alternatives whose FIRST set holds it, in grammar order.
// It runs only when the caller asks (`options.peg$dispatch === true`): without it the parser is
// exactly peggy's, so error messages made by plain parses never change.
//
// Why the result is the same: an alternative whose FIRST set lacks the next character cannot
// consume it, so it fails at the start position. Skipping it changes neither the result (the
// first alternative that succeeds is the same) nor `peg$maxFailPos` (its failures are recorded at
// the start position, where `peg$maxFailPos` starts; the rule must not be referenced by other
// rules, which is checked), only the expectations listed for a failure at the start position.
// Side effects of a skipped attempt (actions, semantic predicates) are excluded by analysis: an
// action over something that can match the empty string, any predicate and any lookahead make
// the alternative "any" (never skipped). Non-ASCII first characters and the end of input take
// the plain rule. grammars/body-dispatch.prop.test.ts checks dispatched = plain on corpus lines
// and arbitrary text; the build checks it on probe inputs.

const ASCII = 128;

/** FIRST set of a node: `all` (never skip), or the ASCII codes it can start with and whether it can match empty. */
function firstSets(rules) {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const memo = new Map();
  const ALL = { all: true, codes: new Set(), nullable: true };
  const addChar = (codes, ch, ignoreCase) => {
    for (const c of ignoreCase ? [ch, ch.toLowerCase(), ch.toUpperCase()] : [ch]) {
      const code = c.length === 1 ? c.charCodeAt(0) : -1;
      if (code >= 0 && code < ASCII) codes.add(code);
    }
  };
  const first = (n) => {
    switch (n.type) {
      case 'rule_ref': {
        if (memo.has(n.name)) return memo.get(n.name) ?? ALL; // null: in progress (a cycle): do not skip
        const rule = byName.get(n.name);
        if (!rule) return ALL;
        memo.set(n.name, null);
        const f = first(rule.expression);
        memo.set(n.name, f);
        return f;
      }
      case 'named':
      case 'labeled':
      case 'text':
      case 'group':
        return first(n.expression);
      case 'action': {
        const f = first(n.expression);
        // the action of an empty match would run even for a first character the rule cannot take
        return f.nullable ? ALL : f;
      }
      case 'literal': {
        if (n.value === '') return { all: false, codes: new Set(), nullable: true };
        const codes = new Set();
        addChar(codes, n.value[0], n.ignoreCase);
        return { all: false, codes, nullable: false };
      }
      case 'class': {
        if (n.inverted && n.ignoreCase) return ALL;
        const codes = new Set();
        for (const p of n.parts) {
          if (typeof p === 'string' && p.length === 1) addChar(codes, p, n.ignoreCase);
          else if (Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string' && p[0].length === 1 && p[1].length === 1) {
            const hi = Math.min(p[1].charCodeAt(0), ASCII - 1);
            for (let c = p[0].charCodeAt(0); c <= hi; c++) addChar(codes, String.fromCharCode(c), n.ignoreCase);
          } else return ALL;
        }
        if (n.inverted) {
          const out = new Set();
          for (let c = 0; c < ASCII; c++) if (!codes.has(c)) out.add(c);
          return { all: false, codes: out, nullable: false };
        }
        return { all: false, codes, nullable: false };
      }
      case 'sequence': {
        const codes = new Set();
        for (const e of n.elements) {
          const f = first(e);
          if (f.all) return ALL;
          for (const c of f.codes) codes.add(c);
          if (!f.nullable) return { all: false, codes, nullable: false };
        }
        return { all: false, codes, nullable: true };
      }
      case 'choice': {
        const codes = new Set();
        let nullable = false;
        for (const a of n.alternatives) {
          const f = first(a);
          if (f.all) return ALL;
          for (const c of f.codes) codes.add(c);
          nullable ||= f.nullable;
        }
        return { all: false, codes, nullable };
      }
      case 'optional':
      case 'zero_or_more': {
        const f = first(n.expression);
        return f.all ? ALL : { all: false, codes: f.codes, nullable: true };
      }
      case 'one_or_more':
        return first(n.expression);
      case 'repeated': {
        const f = first(n.expression);
        const min = n.min ?? n.max;
        const atLeastOne = min && min.type === 'constant' && min.value > 0;
        return f.all ? ALL : { all: false, codes: f.codes, nullable: atLeastOne ? f.nullable : true };
      }
      default:
        // any, lookaheads, semantic predicates, library references, anything new: never skip
        return ALL;
    }
  };
  return first;
}

/**
 * For start rule `ruleName` (a choice of rule references), the alternatives to try per ASCII
 * first character: `{ alternatives: string[], table: number[][] }` (indices into alternatives).
 */
export function dispatchTable(ast, ruleName) {
  const rule = ast.rules.find((r) => r.name === ruleName);
  if (!rule) return null;
  const referenced = JSON.stringify(ast.rules.filter((r) => r !== rule).map((r) => r.expression)).includes(`"type":"rule_ref","name":${JSON.stringify(ruleName)}`);
  if (referenced) throw new Error(`rule ${ruleName} is referenced by other rules: first-character dispatch assumes it is only a start rule`);
  const expr = rule.expression;
  if (expr.type !== 'choice' || !expr.alternatives.every((a) => a.type === 'rule_ref'))
    throw new Error(`rule ${ruleName} is not a choice of rule references`);
  const first = firstSets(ast.rules);
  const alternatives = expr.alternatives.map((a) => a.name);
  const sets = expr.alternatives.map((a) => first(a));
  const table = [];
  for (let c = 0; c < ASCII; c++) table.push(sets.flatMap((f, i) => (f.all || f.nullable || f.codes.has(c) ? [i] : [])));
  return { alternatives, table, never: sets.filter((f) => f.all || f.nullable).length };
}

/** Rules that start at least this many alternatives become heads (second-level dispatch). */
const MIN_HEADED = 4;

/**
 * Second level: alternatives that start with the same *head* rule (IOS `ISAKMP:(1001):`, ASA
 * `Group = g, IP = a, `) share one first character, so the first level cannot tell them apart.
 * For each alternative: its head (a rule that starts at least MIN_HEADED alternatives, or null),
 * the ASCII characters the rest can start with after the head (null: never skip), and whether the
 * alternative is a named rule.
 *
 * Why skipping is exact: the head is parsed at the same position by every alternative it starts,
 * so it ends at the same place `e` (a PEG rule at a position is a function of the input; a head's
 * predicates, like ASA's memo `H`, must only memoise that function). An alternative whose rest
 * cannot start with the character at `e` fails at `e`: it records the head's failures (already
 * recorded once by the probe, which runs where the plain rule would first call the head) and a
 * failure at `e` (recorded by `peg$headFits`). A named alternative records neither (its failures
 * are silenced; its name is recorded at the start): it is never skipped, and it is not where the
 * probe runs. Alternatives of a choice must all start with the same head.
 */
export function headTable(ast, ruleName) {
  const rule = ast.rules.find((r) => r.name === ruleName);
  if (!rule) return null;
  const byName = new Map(ast.rules.map((r) => [r.name, r]));
  const first = firstSets(ast.rules);
  const unwrap = (n) => {
    while (n.type === 'action' || n.type === 'labeled' || n.type === 'group') n = n.expression;
    return n;
  };
  /** [head, rest FIRST] of a sequence starting with a rule reference, else null. */
  const split = (n) => {
    n = unwrap(n);
    if (n.type !== 'sequence') return null;
    const h = unwrap(n.elements[0]);
    if (h.type !== 'rule_ref') return null;
    return [h.name, first({ type: 'sequence', elements: n.elements.slice(1) })];
  };
  const info = rule.expression.alternatives.map((a) => {
    let e = byName.get(a.name).expression;
    const named = e.type === 'named';
    if (named) e = e.expression;
    const parts = unwrap(e).type === 'choice' ? unwrap(e).alternatives.map(split) : [split(e)];
    if (parts.some((x) => x === null) || parts.some((x) => x[0] !== parts[0][0])) return { head: null, codes: null, named };
    const codes = new Set();
    for (const [, f] of parts) {
      if (f.all || f.nullable) return { head: parts[0][0], codes: null, named };
      for (const c of f.codes) codes.add(c);
    }
    return { head: parts[0][0], codes, named };
  });
  const uses = new Map();
  for (const x of info) if (x.head) uses.set(x.head, (uses.get(x.head) ?? 0) + 1);
  return info.map((x) => (x.head && uses.get(x.head) >= MIN_HEADED && x.codes && !x.named ? x : { head: null, codes: null, named: x.named }));
}

/**
 * Add the dispatched version of `ruleName` to hoisted parser code: one function per distinct list
 * of alternatives, a table by first character, and a guard at the top of the plain rule.
 */
export function addDispatch(code, ast, ruleName, name = 'parser') {
  const d = dispatchTable(ast, ruleName);
  if (!d) return { code, stats: null };
  const fn = `peg$parse${ruleName}`;
  const header = `function ${fn}() {\n`;
  const at = code.indexOf(header);
  if (at < 0 || code.indexOf(header, at + 1) >= 0) throw new Error(`grammar ${name}: expected one module-level ${fn}`);
  for (const a of d.alternatives) if (!code.includes(`function peg$parse${a}() {`)) throw new Error(`grammar ${name}: no function peg$parse${a}`);
  const groups = new Map();
  const index = d.table.map((alts) => {
    const key = alts.join(',');
    if (!groups.has(key)) groups.set(key, { id: groups.size, alts });
    return groups.get(key).id;
  });
  const heads = headTable(ast, ruleName);
  const headNames = [...new Set(heads.flatMap((h) => (h.head ? [h.head] : [])))];
  const sets = new Map();
  const setOf = (codes) => {
    const key = [...codes].sort((a, b) => a - b).join(',');
    if (!sets.has(key)) sets.set(key, sets.size);
    return `peg$headSet${sets.get(key)}`;
  };
  let out = `// First-character dispatch of ${ruleName} (scripts/peggy-dispatch.mjs): used when options.peg$dispatch === true.\n`;
  // second level: where the head `parse` ends at the current position (-1: it fails there)
  out += `function peg$headEnd(parse) {\n  const start = peg$currPos;\n  const e = parse() === peg$FAILED ? -1 : peg$currPos;\n  peg$currPos = start;\n  return e;\n}\n`;
  // whether an alternative whose rest starts with a character of \`set\` can go on at \`e\`; if not,
  // it would have failed there: record that failure as the plain rule would
  out += `function peg$headFits(e, set) {\n  const c = input.charCodeAt(e);\n  if (!(c < ${ASCII}) || set[c] === 1) return true;\n  if (e > peg$maxFailPos) {\n    peg$maxFailPos = e;\n    peg$maxFailExpected = [];\n  }\n  return false;\n}\n`;
  let body = '';
  for (const { id, alts } of groups.values()) {
    body += `function ${fn}$d${id}() {\n  let s0 = peg$FAILED;\n`;
    const used = headNames.filter((h) => alts.some((i) => heads[i].head === h));
    for (const h of used) body += `  let h${headNames.indexOf(h)} = -2;\n`;
    for (const i of alts) {
      const call = `s0 = peg$parse${d.alternatives[i]}();\n  if (s0 !== peg$FAILED) return s0;\n`;
      const h = heads[i];
      if (!h.head) {
        body += `  ${call}`;
        continue;
      }
      const v = `h${headNames.indexOf(h.head)}`;
      body += `  if (${v} === -2) ${v} = peg$headEnd(peg$parse${h.head});\n`;
      body += `  if (${v} >= 0 && peg$headFits(${v}, ${setOf(h.codes)})) {\n    ${call.replace('\n  if', '\n    if')}  }\n`;
    }
    body += `  return s0;\n}\n`;
  }
  for (const [key, i] of sets) {
    const bits = new Array(ASCII).fill(0);
    for (const c of key ? key.split(',') : []) bits[Number(c)] = 1;
    out += `const peg$headSet${i} = new Uint8Array([${bits.join(',')}]);\n`;
  }
  out += body;
  out += `const ${fn}$table = [${index.map((i) => `${fn}$d${i}`).join(', ')}];\n`;
  const guard = `  if (options.peg$dispatch === true) {\n    const c = input.charCodeAt(peg$currPos);\n    if (c < ${ASCII}) return ${fn}$table[c]();\n  }\n`;
  let patched = code.slice(0, at) + out + header + guard + code.slice(at + header.length);
  patched = addHeadMemo(patched, headNames, name);
  const sizes = d.table.map((a) => a.length);
  return { code: patched, stats: { alternatives: d.alternatives.length, never: d.never, groups: groups.size, meanTried: sizes.reduce((x, y) => x + y, 0) / sizes.length, heads: headNames, headed: heads.filter((h) => h.head).length } };
}

/**
 * Third: a memo of each head (dispatched parses only). Every alternative a head starts parses it
 * again at the same position, after the dispatch's own probe; the memo answers those calls. A
 * rule's result at a position is a function of the input (see headTable), and its failures are
 * recorded by the first call; a repeat would record the same failures at the same positions
 * again (peg$maxFailPos stays the same; messages drop repeated expectations), provided the
 * failures are silenced or not as they were then: the memo is keyed by the parse, the position
 * and peg$silentFails. Plain parses do not use it, so the dispatch checks compare against the
 * grammar as written.
 */
function addHeadMemo(code, heads, name) {
  if (heads.length === 0) return code;
  const entry = 'function peg$parse(peg$input, peg$options) {\n';
  if (code.split(entry).length !== 2) throw new Error(`grammar ${name}: expected one \`${entry.trim()}\``);
  let out = code.replace(entry, `${entry}  peg$callNo++;\n`);
  let memo = `// head memo (scripts/peggy-dispatch.mjs addHeadMemo): one head parse per position and parse call\nlet peg$callNo = 0;\n`;
  heads.forEach((h, k) => {
    const header = `function peg$parse${h}() {\n`;
    if (out.split(header).length !== 2) throw new Error(`grammar ${name}: expected one \`${header.trim()}\``);
    out = out.replace(header, `function peg$parse${h}$raw() {\n`);
    const m = `peg$m${k}`;
    memo += `let ${m}Call = -1, ${m}Pos = -1, ${m}Silent = -1, ${m}End = 0, ${m}Val = null;
${header}  if (options.peg$dispatch !== true) return peg$parse${h}$raw();
  if (${m}Call === peg$callNo && ${m}Pos === peg$currPos && ${m}Silent === peg$silentFails) {
    peg$currPos = ${m}End;
    return ${m}Val;
  }
  const pos = peg$currPos;
  const silent = peg$silentFails;
  const v = peg$parse${h}$raw();
  ${m}Call = peg$callNo;
  ${m}Pos = pos;
  ${m}Silent = silent;
  ${m}End = peg$currPos;
  ${m}Val = v;
  return v;
}
`;
  });
  return out + memo;
}

/** Check on probe inputs that dispatched and plain parses of `ruleName` agree (result, end, success, furthest failure). */
export async function verifyDispatch(mod, probes, ruleName, name = 'parser') {
  for (const p of probes) {
    const a = mod.parse(p, { peg$library: true, startRule: ruleName });
    const pa = JSON.stringify({ r: a.peg$result === a.peg$FAILED ? 'FAILED' : a.peg$result, c: a.peg$currPos, s: a.peg$success, m: a.peg$maxFailPos });
    const b = mod.parse(p, { peg$library: true, startRule: ruleName, peg$dispatch: true });
    const pb = JSON.stringify({ r: b.peg$result === b.peg$FAILED ? 'FAILED' : b.peg$result, c: b.peg$currPos, s: b.peg$success, m: b.peg$maxFailPos });
    if (pa !== pb) throw new Error(`grammar ${name}: dispatched ${ruleName} differs on ${JSON.stringify(p)}:\n  plain:      ${pa}\n  dispatched: ${pb}`);
  }
}
