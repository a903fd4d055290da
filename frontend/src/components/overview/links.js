// The SPA screen behind an overview tile: its `link` (the list API path and filters it counts) as a route.
export function tileRoute(link) {
  const [path, qs = ''] = link.split('?')
  const q = Object.fromEntries(new URLSearchParams(qs))
  if (path === '/api/v1/orders') {
    const query = {}
    if (q.status) query.status = q.status
    if (q.has_export_slip) query.slip = q.has_export_slip === 'true' ? 'with' : 'without'
    if (q.all_linked) query.linked = q.all_linked === 'true' ? 'linked' : 'unlinked'
    if (q.shipping) query.shipping = q.shipping
    return { name: 'orders', query }
  }
  if (path === '/api/v1/export-slips') return { name: 'export-slips', query: q.status ? { status: q.status } : {} }
  if (path === '/api/v1/channel-skus') return { name: 'products', query: { tab: 'channel' } }
  if (path === '/api/v1/stock') return { name: 'inventory', query: q.low_stock === 'true' ? { low_stock: 'true' } : {} }
  const push = path.match(/^\/api\/v1\/connections\/(\d+)\/stock-push$/)
  if (push) return { name: 'settings-ecommerce', query: { stock_push: push[1], ...(q.failed === 'true' ? { failed: 'true' } : {}) } }
  return { name: 'home' }
}

// Days of the chart: the last `n` days ending today in Vietnam time, as YYYY-MM-DD.
export function lastDays(n, now = Date.now()) {
  const out = []
  const today = Math.floor((now + 7 * 3600 * 1000) / 86400000)
  for (let d = today - n + 1; d <= today; d++) out.push(new Date(d * 86400000).toISOString().slice(0, 10))
  return out
}

// [{name, data}] of orders_by_day rows summed by key(row) over days, value(row) per row.
export function seriesBy(rows, days, key, value) {
  const by = new Map()
  for (const r of rows) {
    const k = key(r)
    if (!by.has(k)) by.set(k, new Array(days.length).fill(0))
    const i = days.indexOf(r.day)
    if (i >= 0) by.get(k)[i] += value(r)
  }
  return [...by.entries()].map(([name, data]) => ({ name, data }))
}
