/**
 * Calls to the Virtual School API with the signed-in person's bearer token, under the
 * tab's own mount of it (/tab/api): the server records reads made there as the tab's.
 */

/** A refusal or failure from the API: its HTTP status, the problem's detail and failing fields. */
export class ApiError extends Error {
  /** @param {number} status @param {string} detail @param {{ field: string, message: string }[]} [fields] */
  constructor(status, detail, fields = []) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.fields = fields;
  }
}

/** @typedef {{ token(): Promise<string | null>, refresh(): Promise<string | null> }} TokenSource */

/** @type {TokenSource | null} */
let source = null;

/** Where tokens come from: Teams SSO, or the dev sign-in. @param {TokenSource | null} tokens */
export function useTokens(tokens) {
  source = tokens;
}

/**
 * @param {string} method
 * @param {string} path under the API, e.g. "/children/5/status"
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(method, path, body) {
  let response = await send(method, path, body, await source?.token());
  // An SSO token may expire while the tab is open: ask Teams for a fresh one, once.
  if (response.status === 401 && source) {
    const fresh = await source.refresh();
    if (fresh) response = await send(method, path, body, fresh);
  }
  if (response.ok) return response.status === 204 ? null : response.json();
  const { detail, fields } = await problemOf(response);
  throw new ApiError(response.status, detail, fields);
}

/**
 * @param {string} method @param {string} path @param {unknown} body @param {string | null | undefined} token
 */
function send(method, path, body, token) {
  /** @type {Record<string, string>} */
  const headers = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`/tab/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
}

/**
 * The problem+json `detail` and fields, or a plain sentence when the answer is not one.
 * @param {Response} response
 */
async function problemOf(response) {
  try {
    const problem = await response.json();
    if (typeof problem?.detail === "string") {
      return { detail: problem.detail, fields: Array.isArray(problem.errors) ? problem.errors : [] };
    }
  } catch {
    // Not JSON (a proxy's error page): fall through to the generic sentence.
  }
  return { detail: `The Virtual School service answered ${response.status}. Please try again.`, fields: [] };
}
