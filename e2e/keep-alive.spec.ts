import net from "node:net";
import { expect, test } from "./fixtures";
import { E2E_APP_PORT } from "./stack-ports";

/** Sends one HEAD request (an answer without a body) on an open socket; resolves with the status line, or with how the socket ended. */
function requestOn(socket: net.Socket, host: string): Promise<string> {
  if (socket.destroyed || socket.readyState !== "open") return Promise.resolve("closed");
  return new Promise((resolve) => {
    let received = "";
    const done = (answer: string) => {
      socket.off("data", onData).off("close", onClose).off("error", onError);
      resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n\r\n")) done(received.split("\r\n")[0]!);
    };
    const onClose = () => done("closed");
    const onError = (error: Error) => done(`error: ${error.message}`);
    socket.on("data", onData).on("close", onClose).on("error", onError);
    socket.write(`HEAD /api/health/live HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

test("an app server keeps an idle keep-alive connection open past Node's 5-second default, so a balancer never reuses one the app is closing", async ({ request }) => {
  // Behind nginx (E2E_INSTANCES=2) the answer names the instance: talk to it directly.
  const upstream = (await request.get("/api/health/live")).headers()["x-upstream"];
  const [host, port] = upstream ? [upstream.slice(0, upstream.lastIndexOf(":")), Number(upstream.slice(upstream.lastIndexOf(":") + 1))] : ["127.0.0.1", E2E_APP_PORT];
  const socket = net.connect({ host, port });
  await new Promise((resolve) => socket.once("connect", resolve));
  try {
    expect(await requestOn(socket, `${host}:${port}`)).toBe("HTTP/1.1 200 OK");
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect(await requestOn(socket, `${host}:${port}`)).toBe("HTTP/1.1 200 OK");
  } finally {
    socket.destroy();
  }
});
