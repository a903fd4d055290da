// Minimal HTTP over node:http with keep-alive agents: JSON in and out, loopback only.
// (node:http rather than fetch: less client CPU, so the figures are the server's, not ours.)
import http from 'node:http';

const agents = new Map();
function agentFor(origin) {
  let a = agents.get(origin);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: 64 });
    agents.set(origin, a);
  }
  return a;
}

export function closeAgents() {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

// request(base, method, path, {body (string|object), headers, timeoutMs}) → {status, headers, text, json}
export function request(base, method, path, { body, headers = {}, timeoutMs = 30000 } = {}) {
  const url = new URL(path, base);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`loopback only: ${url}`);
  const h = { ...headers };
  let payload = null;
  if (body !== undefined && body !== null) {
    payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    h['content-type'] = h['content-type'] || 'application/json';
    h['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers: h, agent: agentFor(url.origin) },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          if (text) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json, bytes: text.length });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
