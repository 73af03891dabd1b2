/**
 * The embedded Postgres: one PGlite database served over the Postgres wire
 * protocol to any number of connections, from any number of processes.
 *
 * Run as its own process: `node --import tsx db/embedded-server.ts <dataDir> <port>`.
 *
 * It uses pglite-socket's connection handler (framing, SSL and startup) with a
 * session queue of our own. PGlite is a single session, and pglite-socket 0.2's
 * queue keeps a connection's messages together only inside a transaction, so two
 * connections' Parse/Bind/Execute/Sync batches interleave and corrupt each other
 * (electric-sql/pglite#1046: "portal does not exist", wrong rows). This queue
 * gives the session to one connection from its first message until the batch
 * ends at Sync or a simple Query, and for as long as its transaction is open.
 */
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

type Pending = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** Whether this frontend message leaves the session free for another connection (barring an open transaction). */
function endsBatch(message: Uint8Array): boolean {
  const type = message[0];
  // Startup, SSL and cancel requests have no type byte: their first byte is 0 (a length below 2^24).
  return type === SYNC || type === QUERY || type === TERMINATE || type === 0;
}

class SessionQueue {
  private readonly queue: Pending[] = [];
  private processing = false;
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = this.owner === null ? 0 : this.queue.findIndex((p) => p.handlerId === this.owner);
        if (index === -1) break; // the owner's next message has not arrived yet
        const [next] = this.queue.splice(index, 1) as [Pending];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(next.message, {
              onRawData: (data) => {
                bytes += data.length;
                next.onData(data);
              },
            }),
          );
          next.resolve(bytes);
        } catch (error) {
          next.reject(error);
        }
        this.owner = this.db.isInTransaction() || !endsBatch(next.message) ? next.handlerId : null;
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.handlerId === handlerId) this.queue.splice(i, 1)[0]!.reject(new Error("connection closed"));
    }
  }

  /** A connection that went away gives the session back, rolling back what it left open. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.process();
  }
}

const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir || !portArg) {
  console.error("usage: embedded-server.ts <dataDir|memory://> <port>");
  process.exit(2);
}

const db = await PGlite.create(dataDir);
const queue = new SessionQueue(db);
const server = net.createServer((socket) => {
  // The handler is typed against pglite-socket's own (unexported) queue class; ours has the same public surface.
  const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
  void handler.attach(socket);
});
server.listen(Number(portArg), "127.0.0.1");

async function shutdown() {
  server.close();
  await db.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
