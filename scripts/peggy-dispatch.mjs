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
  let out = `// First-character dispatch of ${ruleName} (scripts/peggy-dispatch.mjs): used when options.peg$dispatch === true.\n`;
  for (const { id, alts } of groups.values()) {
    out += `function ${fn}$d${id}() {\n  let s0 = peg$FAILED;\n`;
    for (const i of alts) out += `  s0 = peg$parse${d.alternatives[i]}();\n  if (s0 !== peg$FAILED) return s0;\n`;
    out += `  return s0;\n}\n`;
  }
  out += `const ${fn}$table = [${index.map((i) => `${fn}$d${i}`).join(', ')}];\n`;
  const guard = `  if (options.peg$dispatch === true) {\n    const c = input.charCodeAt(peg$currPos);\n    if (c < ${ASCII}) return ${fn}$table[c]();\n  }\n`;
  const patched = code.slice(0, at) + out + header + guard + code.slice(at + header.length);
  const sizes = d.table.map((a) => a.length);
  return { code: patched, stats: { alternatives: d.alternatives.length, never: d.never, groups: groups.size, meanTried: sizes.reduce((x, y) => x + y, 0) / sizes.length } };
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
