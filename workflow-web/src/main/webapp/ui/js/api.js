// The REST API at ../api, as the pages use it. A refusal arrives as a ProblemError carrying the
// problem+json document's title and detail, so that the page can show what went wrong.

const BASE = new URL('../api/', document.baseURI);

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (method !== 'GET') {
    // the server takes state-changing requests only with a JSON content type (its guard against
    // cross-site form posts), even when there is no body
    init.headers['Content-Type'] = 'application/json';
  }
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(new URL(path.replace(/^\//, ''), BASE), init);
  } catch (e) {
    throw new ProblemError(0, { title: 'Server unreachable', detail: 'The server did not answer: ' + e.message });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    throw new ProblemError(response.status, json && typeof json === 'object' ? json
      : { title: `HTTP ${response.status}`, detail: text.slice(0, 300) });
  }
  return json;
}

/** The URL of a run's stream as Server-Sent Events. */
export function streamUrl(runId, name) {
  return new URL(`runs/${encodeURIComponent(runId)}/streams/${encodeURIComponent(name)}`, BASE).toString();
}

/** Builds a query string from the defined, non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
