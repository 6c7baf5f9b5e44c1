/**
 * Delay before retry number `attempt` (1 for the first retry): exponential from `baseMs`,
 * capped, with up to 20 % jitter so parallel items that failed together do not return together.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(capMs, exponential);
  return Math.round(capped * (0.8 + 0.2 * random()));
}
