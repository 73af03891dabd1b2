import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { PortOneFailure } from "./errors";

const BODY_LIMIT = 1024 * 1024;

/** The body as JSON whatever the Content-Type says (the server SDK sends none); an empty body is `{}`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new PortOneFailure(413, "INVALID_REQUEST", "요청 본문이 너무 큽니다.");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new PortOneFailure(400, "INVALID_REQUEST", "요청 본문이 올바른 JSON이 아닙니다.");
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "access-control-allow-origin": "*" });
  res.end(text);
}

export function sendFailure(res: ServerResponse, failure: PortOneFailure): void {
  sendJson(res, failure.status, { type: failure.type, message: failure.message, ...failure.fields });
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "access-control-allow-origin": "*", "cache-control": "no-store" });
  res.end(body);
}

/** Validates a request body; a mismatch is PortOne's 400 INVALID_REQUEST naming each field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new PortOneFailure(400, "INVALID_REQUEST", result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  return result.data;
}
