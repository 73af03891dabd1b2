import net from "node:net";

/**
 * How the database looks from the app: reachable; refused (nothing listens on
 * its port, and open connections are reset, as when the server is down); or
 * blackholed (connections open but nothing gets through either way, as when a
 * network drops packets, until the network heals and what was held arrives).
 */
export type DatabaseReachability = "pass" | "refuse" | "blackhole";

type Link = { client: net.Socket; server: net.Socket; held: { toServer: Buffer[]; toClient: Buffer[] } };

/** A TCP proxy in front of a database, whose reachability a test switches. */
export async function startDatabaseProxy(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const links = new Set<Link>();
  let mode: DatabaseReachability = "pass";
  let listener: net.Server | undefined;
  let port = 0;

  const forward = (from: net.Socket, to: net.Socket, held: Buffer[]) =>
    from.on("data", (chunk) => (mode === "blackhole" ? held.push(chunk) : to.write(chunk)));

  const accept = (client: net.Socket) => {
    const server = net.connect({ host: target.hostname, port: Number(target.port || 5432) });
    const link: Link = { client, server, held: { toServer: [], toClient: [] } };
    links.add(link);
    forward(client, server, link.held.toServer);
    forward(server, client, link.held.toClient);
    const close = () => {
      links.delete(link);
      client.destroy();
      server.destroy();
    };
    client.on("error", close).on("close", close);
    server.on("error", close).on("close", close);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      listener = net.createServer(accept);
      listener.once("error", reject);
      listener.listen(port, "127.0.0.1", () => {
        port = (listener!.address() as net.AddressInfo).port;
        resolve();
      });
    });

  await listen();
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);

  return {
    url: url.toString(),
    async set(next: DatabaseReachability) {
      const previous = mode;
      mode = next;
      if (next === "refuse") {
        listener?.close();
        listener = undefined;
        for (const link of links) {
          link.client.resetAndDestroy();
          link.server.destroy();
        }
      } else if (previous === "refuse") {
        await listen();
      }
      if (next === "pass") {
        for (const { client, server, held } of links) {
          for (const chunk of held.toServer.splice(0)) server.write(chunk);
          for (const chunk of held.toClient.splice(0)) client.write(chunk);
        }
      }
    },
    async close() {
      await this.set("refuse");
    },
  };
}
