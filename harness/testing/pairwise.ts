/**
 * A pairwise (all-pairs, strength-2 covering array) test design: every pair of values of any two
 * factors appears together in at least one case, in far fewer cases than the full product (for
 * 11 × 5 × 5 × 3 × 3 × 2 × 2 × 2 values: 58 cases instead of 26 400).
 *
 * Deterministic greedy construction (AETG-like, no randomness): each new case starts from the
 * first uncovered pair of the two factors with the most uncovered pairs, then fills the other
 * factors one by one (larger factors first) with the value that covers the most still-uncovered
 * pairs with the values chosen so far; ties go to the value used least so far, then to the first
 * listed. The factors are data (a record of value lists); the result is a list of records.
 */

export type Factors = Readonly<Record<string, readonly unknown[]>>;
export type Assignment<F extends Factors> = { readonly [K in keyof F]: F[K][number] };

/** The cases of a pairwise design over `factors` (every factor needs at least one value). */
export function pairwise<F extends Factors>(factors: F): Assignment<F>[] {
  const names = Object.keys(factors).sort((x, y) => factors[y]!.length - factors[x]!.length || (x < y ? -1 : 1));
  const size = names.map((n) => factors[n]!.length);
  if (size.some((s) => s === 0)) throw new RangeError('pairwise: every factor needs at least one value');
  // fewer than two factors: no pairs; every value once
  if (names.length < 2) return names.length === 0 ? [{} as Assignment<F>] : factors[names[0]!]!.map((v) => ({ [names[0]!]: v }) as Assignment<F>);
  // uncovered[i][j] = set of value-index pairs (a * size[j] + b) of factors i < j not yet in a case
  const uncovered: Set<number>[][] = names.map((_, i) =>
    names.map((_, j) => (j > i ? new Set(Array.from({ length: size[i]! * size[j]! }, (_, k) => k)) : new Set<number>())),
  );
  const used = size.map((s) => new Array<number>(s).fill(0));
  const rows: number[][] = [];
  const left = (): number => uncovered.reduce((n, r) => n + r.reduce((m, s) => m + s.size, 0), 0);
  const covers = (i: number, vi: number, j: number, vj: number): boolean =>
    i < j ? uncovered[i]![j]!.has(vi * size[j]! + vj) : uncovered[j]![i]!.has(vj * size[i]! + vi);

  while (left() > 0) {
    // seed: the factor pair with the most uncovered pairs, its first uncovered value pair
    let si = 0;
    let sj = 1;
    let best = -1;
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        if (uncovered[i]![j]!.size > best) [si, sj, best] = [i, j, uncovered[i]![j]!.size];
      }
    }
    const row = new Array<number>(names.length).fill(-1);
    const first = uncovered[si]![sj]!.values().next().value!;
    row[si] = Math.floor(first / size[sj]!);
    row[sj] = first % size[sj]!;
    for (let f = 0; f < names.length; f++) {
      if (row[f]! >= 0) continue;
      let pick = 0;
      let pickScore = -1;
      for (let v = 0; v < size[f]!; v++) {
        let score = 0;
        for (let g = 0; g < names.length; g++) if (row[g]! >= 0 && covers(f, v, g, row[g]!)) score++;
        if (score > pickScore || (score === pickScore && used[f]![v]! < used[f]![pick]!)) [pick, pickScore] = [v, score];
      }
      row[f] = pick;
    }
    for (let i = 0; i < names.length; i++) {
      used[i]![row[i]!]!++;
      for (let j = i + 1; j < names.length; j++) uncovered[i]![j]!.delete(row[i]! * size[j]! + row[j]!);
    }
    rows.push(row);
  }
  return rows.map((row) => Object.fromEntries(names.map((n, i) => [n, factors[n]![row[i]!]])) as Assignment<F>);
}

/** The full product of `factors` (for the cheap factors, where every combination is affordable). */
export function product<F extends Factors>(factors: F): Assignment<F>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(factors)) out = out.flatMap((o) => values.map((v) => ({ ...o, [name]: v })));
  return out as Assignment<F>[];
}

/** Pairs of factor values no case covers (empty for a pairwise design): for tests. */
export function uncoveredPairs<F extends Factors>(factors: F, cases: readonly Assignment<F>[]): string[] {
  const names = Object.keys(factors);
  const missing: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i]!, names[j]!];
      for (const va of factors[a]!) {
        for (const vb of factors[b]!) {
          if (!cases.some((c) => (c as Record<string, unknown>)[a] === va && (c as Record<string, unknown>)[b] === vb)) missing.push(`${a}=${String(va)} ${b}=${String(vb)}`);
        }
      }
    }
  }
  return missing;
}
