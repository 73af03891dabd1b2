// Named in the URL itself, so every client can tell it talks to the embedded server.
const EMBEDDED_APPLICATION_NAME = "ainfo-embedded-pglite";

export function embeddedUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable&application_name=${EMBEDDED_APPLICATION_NAME}`;
}

/**
 * Whether a URL is the embedded server's. Its one PGlite session is shared by
 * every connection of every process, where named prepared statements would
 * collide: clients of it use unnamed statements only.
 */
export function isEmbeddedUrl(url: string): boolean {
  return new URL(url).searchParams.get("application_name") === EMBEDDED_APPLICATION_NAME;
}
