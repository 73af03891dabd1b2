/**
 * Iterates `pieces` until `signal` aborts, even when the source ignores the
 * signal and hangs: each wait for the next piece races the abort, and an
 * aborted iteration is closed (return()) so the source can let go.
 */
export async function* piecesUntil<T>(pieces: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = pieces[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  // Never left unobserved: a rejection nobody awaits would crash the process.
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener("abort", onAbort!);
    if (signal.aborted) void Promise.resolve(iterator.return?.()).catch(() => {});
  }
}
