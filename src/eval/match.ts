/**
 * @module eval/match
 * Greedy minimum-cost one-to-one matching, as in the shared scorer: every
 * pairable (prediction, gold) pair is sorted by cost (stable, so ties keep
 * prediction-then-gold order) and taken when neither side is used yet.
 * Greedy, not optimal: it is the rule the reference numbers are computed with.
 */

/** One accepted pair: indexes into the prediction and gold lists, and its cost. */
export interface Pair {
  pred: number;
  gold: number;
  cost: number;
}

/**
 * Matches predictions to gold items one-to-one, cheapest pairs first.
 *
 * @param preds the predicted items
 * @param golds the gold items
 * @param cost the cost of a pair, or null when the two cannot pair
 * @returns the accepted pairs, in the order they were accepted
 * @example
 * greedyMatch([1, 5], [4], (p, g) => Math.abs(p - g)); // [{ pred: 1, gold: 0, cost: 1 }]
 */
export function greedyMatch<P, G>(
  preds: readonly P[],
  golds: readonly G[],
  cost: (p: P, g: G) => number | null,
): Pair[] {
  const pairs: Pair[] = [];
  preds.forEach((p, i) =>
    golds.forEach((g, j) => {
      const c = cost(p, g);
      if (c !== null) pairs.push({ pred: i, gold: j, cost: c });
    }),
  );
  pairs.sort((a, b) => a.cost - b.cost);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: Pair[] = [];
  for (const pair of pairs) {
    if (usedP.has(pair.pred) || usedG.has(pair.gold)) continue;
    usedP.add(pair.pred);
    usedG.add(pair.gold);
    out.push(pair);
  }
  return out;
}
