import { RateLimited } from "@/lib/http/rate-limit";

/**
 * A bound on concurrent password hashing. Each scrypt hash takes 128 MiB and a
 * thread of libuv's pool of four, which Node also uses for gzip, file reads and
 * DNS; a flood of sign-ins must neither exhaust memory nor starve those. At most
 * `size` hashes run at once and at most `queue` wait; the rest are refused at
 * once, so the caller can answer 429 instead of making everyone wait.
 */
export class HashingSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly size: number,
    readonly queue: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      if (this.waiting.length >= this.queue) throw new PasswordHashingBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Answered as 429: the client may try again in a second. */
export class PasswordHashingBusy extends RateLimited {
  constructor() {
    super(1);
  }
}
