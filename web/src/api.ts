/**
 * The client of khabar's HTTP API: one `get` that returns the JSON answer or
 * throws an `ApiFailure` with the server's error code and message. Answers
 * follow the store contract (src/store/types.ts).
 */

/** An API error answer (`{error: {code, message}}`) or a network failure. */
export class ApiFailure extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = "ApiFailure";
    this.code = code;
    this.status = status;
  }
}

/**
 * GET an API path and parse its JSON.
 *
 * @param path path under the origin, starting with `/api/`
 * @param params query parameters; undefined and false values are left out
 * @param signal aborts the request when the page changes
 * @returns the parsed answer
 */
export async function get<T>(
  path: string,
  params: Record<string, string | number | boolean | undefined> = {},
  signal?: AbortSignal,
): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === false) continue;
    qs.set(k, v === true ? "1" : String(v));
  }
  const url = qs.size > 0 ? `${path}?${qs}` : path;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiFailure("network", String((error as Error).message ?? error), 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFailure(e?.code ?? "http_" + response.status, e?.message ?? response.statusText, response.status);
  }
  return body as T;
}

/** Path segment encoding for ids and names (Arabic names, `gpe:iraq`, `name:...`). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
