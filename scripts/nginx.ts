import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { problemBody, problems } from "@/lib/http/problem";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { startProcess, type Service } from "./processes";

const NGINX = "/usr/sbin/nginx";

/** Whether the machine has an IPv6 loopback, where `localhost` may resolve first. */
function hasIpv6Loopback(): boolean {
  return Object.values(os.networkInterfaces()).some((addresses) => addresses?.some((a) => a.family === "IPv6" && a.internal));
}

/** A value as an nginx string: single-quoted, its quotes and backslashes escaped, nothing nginx would read as a variable. */
function nginxString(value: string): string {
  if (value.includes("$")) throw new Error(`not an nginx literal: ${value}`);
  return `'${value.replace(/[\\']/g, "\\$&")}'`;
}

/**
 * nginx refuses a request it cannot parse (a path with `%ZZ` or `%E0%A4%A`, also a bad Host) with a
 * 400 page of its own, before any instance sees it and often before it has read the headers, so no
 * request id can be echoed. This gives that answer the app's problem+json and security headers.
 */
function malformedRequestAnswer(): string {
  const headers = { ...STATIC_SECURITY_HEADERS, "Content-Security-Policy": API_CONTENT_SECURITY_POLICY };
  return [
    "location = /_nginx/malformed-request {",
    "      internal;",
    "      default_type application/problem+json;",
    ...Object.entries(headers).map(([name, value]) => `      add_header ${name} ${nginxString(value)} always;`),
    "      add_header X-Request-Id $request_id always;",
    `      return 400 ${nginxString(JSON.stringify(problemBody(problems.malformedUrl())))};`,
    "    }",
  ].join("\n");
}

/**
 * A load balancer as production would have one: round-robin over the app's
 * instances, passing the Host and the client's address on. Each response names
 * the instance that answered in `X-Upstream` (for the tests that check the
 * spread), and the access log keeps one upstream address per request.
 */
function nginxConfig(dir: string, port: number, upstreams: string[]): string {
  const listen = [`listen 127.0.0.1:${port};`, ...(hasIpv6Loopback() ? [`listen [::1]:${port};`] : [])];
  return `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  log_format upstream '$upstream_addr';
  access_log ${dir}/upstreams.log upstream;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;

  upstream app {
${upstreams.map((u) => `    server ${u};`).join("\n")}
    keepalive 16;
  }

  server {
    ${listen.join("\n    ")}
    # Bodies and answers pass straight through (the event-streamed chat too), never to temporary files.
    client_max_body_size 1m;
    client_body_buffer_size 1m;
    proxy_request_buffering off;
    proxy_buffering off;
    error_page 400 /_nginx/malformed-request;

    ${malformedRequestAnswer()}

    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Runs nginx in the foreground with a configuration, pid, logs and temporary files of its own. */
export function startNginx(options: { port: number; upstreams: string[]; quiet?: boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ainfo-nginx-"));
  // Run as root, nginx's workers drop to an unprivileged user that must reach the temporary folders.
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, options.port, options.upstreams));
  const args = ["-e", "stderr", "-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"];
  const nginx = startProcess("nginx", NGINX, args, process.env, options.quiet);
  /** How many requests each upstream answered so far. */
  const requestsByUpstream = (): Record<string, number> => {
    const counts: Record<string, number> = {};
    const log = path.join(dir, "upstreams.log");
    if (!fs.existsSync(log)) return counts;
    for (const line of fs.readFileSync(log, "utf8").split("\n")) {
      // A retried request lists every upstream it tried; the last one answered.
      const upstream = line.split(/[,:]\s/).pop()?.trim();
      if (upstream && upstream !== "-") counts[upstream] = (counts[upstream] ?? 0) + 1;
    }
    return counts;
  };
  const service: Service = {
    name: "nginx",
    async stop() {
      await nginx.service.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return { child: nginx.child, service, requestsByUpstream };
}
