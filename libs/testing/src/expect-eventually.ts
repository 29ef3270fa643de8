/**
 * Polls `probe` until it stops throwing, or fails with its last error after `timeoutMs`.
 * The only way tests wait for asynchronous effects: bounded, never a fixed sleep.
 */
export async function expectEventually<T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 15_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
