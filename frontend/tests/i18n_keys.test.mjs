// Test that the Vietnamese and English message files (src/i18n/) hold the same keys and placeholders
// Nested keys included, and the same {placeholders} in each message; a -more.js file adds to its base file without
// redefining any of its messages. Run by `npm run lint`; a failure names each key and the file it is missing from.
import { test } from 'node:test'
import assert from 'node:assert/strict'

const load = async (name) => (await import(`../src/i18n/${name}.js`)).default

// Every message of a file as 'a.b.c' → its text; groups (plain objects) are walked into, anything else is a message.
function flatten(messages, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, path, out)
    else out.set(path, value)
  }
  return out
}

// The names a message interpolates ({n}, {name}), over all its plural forms, sorted.
function placeholders(text) {
  const names = new Set()
  for (const m of String(text).matchAll(/\{\s*([A-Za-z_$][\w$]*)\s*\}/g)) names.add(m[1])
  return [...names].sort()
}

const shown = (names) => (names.length ? names.map((n) => `{${n}}`).join(' ') : 'none')

function missing(from, into) {
  return [...from.keys()].filter((k) => !into.has(k))
}

for (const [viName, enName] of [
  ['vi', 'en'],
  ['vi-more', 'en-more'],
]) {
  test(`${viName}.js and ${enName}.js have the same keys`, async () => {
    const vi = flatten(await load(viName))
    const en = flatten(await load(enName))
    assert.ok(vi.size > 0, `${viName}.js has no messages`)
    const problems = []
    const enLacks = missing(vi, en)
    const viLacks = missing(en, vi)
    if (enLacks.length) problems.push(`${enName}.js lacks ${enLacks.length} key(s) of ${viName}.js: ${enLacks.join(', ')}`)
    if (viLacks.length) problems.push(`${viName}.js lacks ${viLacks.length} key(s) of ${enName}.js: ${viLacks.join(', ')}`)
    if (problems.length) assert.fail(problems.join('\n'))
  })

  test(`${viName}.js and ${enName}.js use the same placeholders in each message`, async () => {
    const vi = flatten(await load(viName))
    const en = flatten(await load(enName))
    const differ = []
    for (const [key, text] of vi) {
      if (!en.has(key)) continue // the key test names it
      const a = placeholders(text)
      const b = placeholders(en.get(key))
      if (a.join() !== b.join()) differ.push(`${key}: ${viName}.js has ${shown(a)}, ${enName}.js has ${shown(b)}`)
    }
    if (differ.length) assert.fail(`placeholders differ in ${differ.length} message(s): ${differ.join('; ')}`)
  })
}

for (const locale of ['vi', 'en']) {
  test(`${locale}-more.js redefines no message of ${locale}.js`, async () => {
    const base = flatten(await load(locale))
    const twice = [...flatten(await load(`${locale}-more`)).keys()].filter((k) => base.has(k))
    if (twice.length) assert.fail(`${locale}-more.js redefines ${twice.length} message(s) of ${locale}.js: ${twice.join(', ')}`)
  })
}

// Every reason the API can give for a refused field (JR_CODES in backend/src/json/jread.h) has its text in both
// languages, and no text is kept for a reason the API no longer gives.
test('fieldErrors holds a message for every field error code of the API, and only those', async () => {
  const { readFile } = await import('node:fs/promises')
  const header = await readFile(new URL('../../backend/src/json/jread.h', import.meta.url), 'utf8')
  const list = /#define JR_CODES\(X\)((?:.*\\\n)*.*)/.exec(header)
  assert.ok(list, 'jread.h defines JR_CODES(X)')
  const codes = [...list[1].matchAll(/X\((\w+)\)/g)].map((m) => m[1]).sort()
  assert.ok(codes.length >= 10, `JR_CODES lists the codes (found ${codes.length})`)
  for (const locale of ['vi', 'en']) {
    const have = Object.keys((await load(locale)).fieldErrors || {}).sort()
    assert.deepEqual(have, codes, `${locale}.js fieldErrors has exactly the codes of JR_CODES`)
  }
})
