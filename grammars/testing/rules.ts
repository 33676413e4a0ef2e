// Test support: the record rules of each grammar, read from the grammar source itself (the
// alternatives of its `Body` start rule), so the tests follow the grammar without a second list.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import peggy from 'peggy';
import type { Family } from '../records.js';

const dir = fileURLToPath(new URL('..', import.meta.url));

interface AstNode {
  type: string;
  name?: string;
  expression?: AstNode;
  alternatives?: AstNode[];
}

export function recordRules(family: Family): string[] {
  const ast = peggy.parser.parse(readFileSync(`${dir}/${family}.peggy`, 'utf8'), { grammarSource: family, reservedWords: [] }) as unknown as {
    rules: { name: string; expression: AstNode }[];
  };
  const body = ast.rules.find((r) => r.name === 'Body');
  if (!body) throw new Error(`${family}.peggy has no Body rule`);
  let e = body.expression;
  while (e.type === 'named' && e.expression) e = e.expression;
  const alts = e.type === 'choice' ? e.alternatives! : [e];
  return alts.map((a) => {
    if (a.type !== 'rule_ref' || !a.name) throw new Error(`${family}.peggy: every alternative of Body must be a rule reference`);
    return a.name;
  });
}
