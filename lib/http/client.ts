/** Browser-side helpers for calling our own API. */

export type ProblemBody = { title?: string; detail?: string; code?: string; status?: number; [extra: string]: unknown };

/** Calls the API and returns the JSON body, or throws an ApiError carrying the problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody,
  ) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.name = "ApiError";
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

export async function callApi<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? (init?.body === undefined ? "GET" : "POST"),
    headers: init?.body === undefined ? undefined : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    cache: "no-store",
  });
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, (body ?? {}) as ProblemBody);
  return body as T;
}
