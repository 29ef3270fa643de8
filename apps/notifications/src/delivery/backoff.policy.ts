/**
 * Delay before retry number `attemptsMade` (1 after the first failure): exponential from `baseMs`,
 * capped at `maxMs`, with ±20 % jitter so the deliveries queued during an outage do not all hit
 * the recovering server in the same second. The cap is what makes a long outage harmless: with the
 * defaults (10 s base, 15 min cap, 50 attempts) a delivery keeps trying for about 11 hours, and
 * every delivery is attempted at most 15 minutes after the server is back.
 */
export function backoffDelay(attemptsMade: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, attemptsMade - 1), 40);
  const capped = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(Math.min(maxMs, capped * (0.8 + 0.4 * random())));
}

/** How long a delivery keeps trying before it is marked failed (no jitter): for logs and docs. */
export function retryWindowMs(attempts: number, baseMs: number, maxMs: number): number {
  let total = 0;
  for (let made = 1; made < attempts; made++) total += backoffDelay(made, baseMs, maxMs, () => 0.5);
  return total;
}
