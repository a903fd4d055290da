// Test that every error code the API sends by name (resp_error and err_open with a literal code, the body reader's
// codes) has its message in both languages, so the SPA never falls back to the server's English sentence.
// Codes chosen at run time (a variable passed on) are covered where the literal is written.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SRC = new URL('../../backend/src/', import.meta.url).pathname

function cFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) cFiles(path, out)
    else if (name.endsWith('.c')) out.push(path)
  }
  return out
}

// The codes written as literals where an answer's error is made.
function apiCodes() {
  const codes = new Set()
  const patterns = [
    /resp_error\([^,]+,\s*\d+,\s*"([a-z_]+)"/g,
    /err_open\([^,]+,\s*"([a-z_]+)"/g,
    /err_code\s*=\s*"([a-z_]+)"/g,
  ]
  for (const file of cFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    for (const re of patterns) for (const m of text.matchAll(re)) codes.add(m[1])
  }
  return codes
}

const messages = async (base) => {
  const a = (await import(`../src/i18n/${base}.js`)).default.errors || {}
  const b = (await import(`../src/i18n/${base}-more.js`)).default.errors || {}
  return { ...a, ...b }
}

test('every error code the API sends has a Vietnamese and an English message', async () => {
  const codes = apiCodes()
  assert.ok(codes.size > 30, `found only ${codes.size} codes: the patterns no longer match the sources`)
  for (const lang of ['vi', 'en']) {
    const known = await messages(lang)
    const lacking = [...codes].filter((c) => typeof known[c] !== 'string' || !known[c])
    assert.deepEqual(lacking, [], `errors.* in ${lang} lacks: ${lacking.join(', ')}`)
  }
})
