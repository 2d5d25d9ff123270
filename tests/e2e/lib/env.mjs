// Inputs a scenario receives from the C# test that runs it. A missing required variable is a scenario bug:
// fail loudly so the test shows which one.

export function required(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`environment variable ${name} is required`);
  }
  return value;
}

export function optionalInt(name, fallback) {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number.parseInt(value, 10);
}

/** The gateway's base address, e.g. http://127.0.0.1:8000. */
export const gatewayUrl = () => required('GATEWAY_URL');

/** Every edge's base address, in edge index order. */
export const edgeUrls = () => required('EDGE_URLS').split(',').filter((url) => url !== '');

/** A unique suffix for user ids, so scenarios sharing a cluster never share users. */
export const runId = () => process.env.RUN_ID || Math.random().toString(36).slice(2, 10);

/** The websocket endpoint behind a base http address, with an optional query. */
export function websocketUrl(baseUrl, query = {}) {
  const url = new URL('/connection/websocket', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [key, value] of Object.entries(query)) {
    url.searchParams.set(key, value);
  }
  return url.toString();
}
