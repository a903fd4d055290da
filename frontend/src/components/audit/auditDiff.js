// The fields an audit row changed, from its before and after objects: [{field, before, after}] of the fields whose
// values differ (the filled-in fields of a creation or a deletion), nested objects compared by their JSON text.
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
const empty = (v) => v === null || v === undefined || v === ''

export function auditDiff(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])]
  return keys
    .filter((k) => (before && after ? !same(before[k], after[k]) : !empty((before || after)[k])))
    .map((k) => ({ field: k, before: before ? before[k] ?? null : undefined, after: after ? after[k] ?? null : undefined }))
}

// A value as the screen shows it: text as it is, numbers and booleans as written, objects as JSON, nothing as —.
export function auditValue(v) {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}
