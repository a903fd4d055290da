// The SPA's first-load size: every file the browser fetches to show one screen (default: the orders list),
// from Vite's manifest, gzip-compressed as nginx serves it. `node bench/first_load.mjs [dist] [view]`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

// The Orders screen's first load, gzip-compressed (docs/benchmarks.md's target).
export const ORDERS_TARGET_KB = 200

// The manifest entries loaded for `view`: the entry's static imports, then the view's chunk and its static imports.
export function firstLoadFiles(manifest, view) {
  const files = new Set(['index.html'])
  const seen = new Set()
  const visit = (key) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) throw new Error(`not in the manifest: ${key}`)
    files.add(chunk.file)
    for (const css of chunk.css || []) files.add(css)
    for (const imp of chunk.imports || []) visit(imp)
  }
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
  visit(entry)
  const viewKey = Object.keys(manifest).find((k) => k.endsWith(`/${view}.vue`))
  if (!viewKey) throw new Error(`no chunk for ${view}`)
  visit(viewKey)
  return [...files]
}

export function firstLoad(dist, view = 'OrdersView') {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))
  const rows = firstLoadFiles(manifest, view).map((f) => {
    const raw = readFileSync(join(dist, f))
    return { file: f, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length }
  })
  return { view, rows, gzip: rows.reduce((s, r) => s + r.gzip, 0), bytes: rows.reduce((s, r) => s + r.bytes, 0) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = fileURLToPath(new URL('.', import.meta.url))
  const dist = process.argv[2] || join(here, '..', 'frontend', 'dist')
  const r = firstLoad(dist, process.argv[3] || 'OrdersView')
  for (const row of r.rows.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${(row.gzip / 1024).toFixed(1).padStart(7)} KB gzip  ${(row.bytes / 1024).toFixed(1).padStart(7)} KB  ${row.file}`)
  }
  const kb = (r.gzip / 1024).toFixed(1)
  console.log(`  first load of ${r.view}: ${kb} KB gzip (${(r.bytes / 1024).toFixed(1)} KB raw), ${r.rows.length} files`)
  // Last, so that bench/read.mjs's summary (the last line naming gzip) carries the figure and its grade.
  if (r.view === 'OrdersView') {
    console.log(`  first load of OrdersView ≤ ${ORDERS_TARGET_KB} KB gzip: ${r.gzip <= ORDERS_TARGET_KB * 1024 ? 'PASS' : 'FAIL'} (${kb} KB gzip)`)
  }
}
