// A local HTTP receiver for the sandbox's webhooks and redirects: records every request, answers by a script.
import { createServer } from 'node:http'

// answer(req, body, n) returns {status, body}; n counts requests from 1.
export async function startReceiver(answer = () => ({ status: 200, body: '' })) {
  const received = []
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const entry = { method: req.method, url: req.url, headers: req.headers, body, at: Date.now() }
      received.push(entry)
      const a = answer(entry, received.length) || { status: 200, body: '' }
      res.writeHead(a.status, { 'content-type': 'text/plain' })
      res.end(a.body || '')
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
