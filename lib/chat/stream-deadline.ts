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

/**
 * A signal that aborts once `ms` pass without a `heard()`: the longest silence a
 * stream may keep, before its first piece or between two pieces, so a long
 * answer that keeps arriving never runs into a deadline. `end()` disarms it.
 */
export function silenceLimit(ms: number): { signal: AbortSignal; heard(): void; end(): void } {
  const controller = new AbortController();
  const expire = () => controller.abort(new DOMException(`nothing arrived for ${ms} ms`, "TimeoutError"));
  let timer = setTimeout(expire, ms);
  return {
    signal: controller.signal,
    heard() {
      clearTimeout(timer);
      if (!controller.signal.aborted) timer = setTimeout(expire, ms);
    },
    end: () => clearTimeout(timer),
  };
}
