// The activity log's field diff: only the fields that changed, every field of a creation or a deletion, values as the
// screen writes them. Run by `npm run lint`.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { auditDiff, auditValue } from '../src/components/audit/auditDiff.js'

test('an update lists the fields whose values differ', () => {
  assert.deepEqual(auditDiff({ name: 'Áo', price: '120000.00', ids: [1, 2] }, { name: 'Áo', price: '150000.00', ids: [1, 2] }),
    [{ field: 'price', before: '120000.00', after: '150000.00' }])
  assert.deepEqual(auditDiff({ ids: [1] }, { ids: [1, 2] }), [{ field: 'ids', before: [1], after: [1, 2] }])
  assert.deepEqual(auditDiff({ a: 1 }, { a: 1 }), [])
})

test('a creation shows the fields filled in after, a deletion those before', () => {
  assert.deepEqual(auditDiff(null, { name: 'Kho 1', code: 'K1', address: '', note: null }),
    [{ field: 'name', before: undefined, after: 'Kho 1' }, { field: 'code', before: undefined, after: 'K1' }])
  assert.deepEqual(auditDiff({ name: 'NCC', phone: '' }, null), [{ field: 'name', before: 'NCC', after: undefined }])
  assert.deepEqual(auditDiff({ product_id: 4 }, { product_id: null }), [{ field: 'product_id', before: 4, after: null }])
})

test('values: empty as a dash, objects as JSON', () => {
  assert.equal(auditValue(null), '—')
  assert.equal(auditValue(''), '—')
  assert.equal(auditValue(0), '0')
  assert.equal(auditValue(true), 'true')
  assert.equal(auditValue({ prefix: 'PX' }), '{"prefix":"PX"}')
})
