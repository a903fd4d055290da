// Opening stock from Excel: a 5,000-row file read by the SPA's own sheet reader (exceljs) and posted as one receipt per
// warehouse in seconds; every kind of bad row refused with its row, field and code, and nothing posted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { call, checkInvariants } from './lib/stock.mjs';
import { buildSheet, readSheet, importRows } from '../../frontend/src/components/stock/receiptSheet.js';

const HEADERS = ['Mã SKU', 'Tên sản phẩm', 'Số lượng', 'Giá nhập', 'Kho'];

// The rows of an .xlsx made from `rows`, read back as the SPA reads a chosen file.
async function throughExcel(rows) {
  const buf = await buildSheet(ExcelJS, HEADERS, rows);
  return importRows(await readSheet(ExcelJS, buf));
}

// n products of the merchant (a few requests at a time); returns their SKUs.
async function products(m, n, tag) {
  const skus = Array.from({ length: n }, (_, i) => `${tag}-${String(i).padStart(5, '0')}`);
  for (let i = 0; i < n; i += 16) {
    await Promise.all(skus.slice(i, i + 16).map((sku) => call(m, 'POST', '/api/v1/products', { name: `Hàng ${sku}`, sku })));
  }
  return skus;
}

test('a 5,000-row file: checked, previewed, then posted as one receipt per warehouse in seconds', async () => {
  const m = await newMerchant('import-5k');
  const [main] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const second = await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho Hà Nội', code: 'HN-01' });
  const skus = await products(m, 2500, 'IMP');
  // each product in both warehouses: by code in one (lower case works too), by name in the other
  const rows = [];
  skus.forEach((sku, i) => {
    rows.push({ sku, name: `Hàng ${sku}`, quantity: 1 + (i % 7), unit_cost: 1000 * (i % 50) + 500, warehouse: i % 2 ? main.code.toLowerCase() : main.code });
    rows.push({ sku: sku.toLowerCase(), name: '', quantity: 2, unit_cost: '12000.50', warehouse: 'Kho Hà Nội' });
  });
  const sent = await throughExcel(rows);
  assert.equal(sent.length, 5000);
  assert.deepEqual(sent[1], { row: 3, sku: skus[0].toLowerCase(), quantity: 2, unit_cost: '12000.50', warehouse: 'Kho Hà Nội' });

  const preview = await call(m, 'POST', '/api/v1/stock-receipts/import', { dry_run: true, rows: sent }, 200);
  assert.equal(preview.posted, false);
  assert.deepEqual(preview.receipts.map((r) => [r.warehouse_id, r.line_count]).sort(), [[main.id, 2500], [second.id, 2500]].sort());
  assert.equal((await call(m, 'GET', '/api/v1/stock-movements')).total, 0, 'a preview posts nothing');

  const t0 = Date.now();
  const done = await call(m, 'POST', '/api/v1/stock-receipts/import', { rows: sent, note: 'Tồn đầu kỳ' }, 201);
  const ms = Date.now() - t0;
  assert.ok(ms < 10000, `5,000 rows posted in ${ms} ms`);
  assert.deepEqual(done.receipts.map((r) => r.code).sort(), ['PNK000001', 'PNK000002']);
  const mainQty = skus.reduce((n, _, i) => n + 1 + (i % 7), 0);
  assert.deepEqual(done.receipts.map((r) => [r.warehouse_id, r.quantity]).sort(), [[main.id, mainQty], [second.id, 5000]].sort());
  const receipt = await call(m, 'GET', `/api/v1/stock-receipts/${done.receipts.find((r) => r.warehouse_id === second.id).id}`);
  assert.equal(receipt.lines.length, 2500);
  assert.ok(receipt.lines.every((l) => l.quantity === 2 && l.unit_cost === '12000.50'));
  assert.equal(receipt.note, 'Tồn đầu kỳ');
  assert.equal((await call(m, 'GET', '/api/v1/stock-movements')).total, 5000);
  assert.equal((await call(m, 'GET', '/api/v1/stock?no_stock=true')).total, 0, 'every product has stock now');
  const listed = await call(m, 'GET', '/api/v1/stock-receipts');
  assert.equal(listed.total, 2);
  assert.equal(listed.items.find((r) => r.warehouse_id === second.id).amount, String((12000.5 * 2 * 2500).toFixed(2)));
  checkInvariants(m);
});

test('each kind of bad row is named with its row, field and code, and nothing is posted', async () => {
  const m = await newMerchant('import-bad');
  const [sku1, sku2, sku3] = await products(m, 3, 'BAD');
  const theirs = await newMerchant('import-bad-other');
  const [foreign] = await products(theirs, 1, 'THEIRS');
  const sent = await throughExcel([
    { sku: sku1, quantity: 5, unit_cost: 1000 },                  // row 2: good
    { sku: 'NO-SUCH-SKU', quantity: 1 },                          // 3: unknown SKU
    { sku: foreign, quantity: 1 },                                // 4: another merchant's SKU is unknown here
    { sku: sku2, quantity: -4 },                                  // 5: negative
    { sku: sku2, quantity: 'mười' },                              // 6: not a number
    { sku: sku1.toLowerCase(), quantity: 2 },                     // 7: duplicate of row 2 (same warehouse)
    { sku: sku3, quantity: 1.5 },                                 // 8: not a whole number
    { sku: sku3, quantity: 0 },                                   // 9: zero
    { sku: sku3, quantity: 1, unit_cost: -200 },                  // 10: negative cost
    { sku: sku3, quantity: 1, unit_cost: '12.000đ' },             // 11: cost not a number
    { sku: sku3, quantity: 1, warehouse: 'Kho không có' },        // 12: unknown warehouse
    { name: 'no SKU', quantity: 1 },                              // 13: SKU missing
    { sku: sku2 },                                                // 14: quantity missing
  ]);
  const res = await api('POST', '/api/v1/stock-receipts/import', { token: m.token, body: { rows: sent } });
  expectError(assert, res, 422, 'import_rows_invalid');
  const d = res.json.error.details;
  assert.deepEqual([d.row_count, d.error_count], [13, 12]);
  assert.deepEqual(d.rows.map((r) => [r.row, r.field, r.code]), [
    [3, 'sku', 'unknown_sku'], [4, 'sku', 'unknown_sku'], [5, 'quantity', 'negative'], [6, 'quantity', 'not_a_number'],
    [7, 'sku', 'duplicate'], [8, 'quantity', 'not_an_integer'], [9, 'quantity', 'not_positive'],
    [10, 'unit_cost', 'negative'], [11, 'unit_cost', 'not_a_number'], [12, 'warehouse', 'unknown_warehouse'],
    [13, 'sku', 'required'], [14, 'quantity', 'required'],
  ]);
  assert.equal(d.rows.find((r) => r.row === 7).first_row, 2);
  // nothing posted, no number taken: the next receipt is the first
  assert.equal((await call(m, 'GET', '/api/v1/stock-movements')).total, 0);
  assert.equal((await call(m, 'GET', '/api/v1/stock-receipts')).total, 0);
  const ok = await call(m, 'POST', '/api/v1/stock-receipts/import', { rows: [sent[0]] }, 201);
  assert.deepEqual(ok.receipts.map((r) => r.code), ['PNK000001']);
  // the body itself: rows required, at most 10,000, objects
  for (const body of [{}, { rows: [] }, { rows: [1] }, { rows: [{ sku: sku1, quantity: 1 }], supplier_id: 999999999 }]) {
    expectError(assert, await api('POST', '/api/v1/stock-receipts/import', { token: m.token, body }), 422, 'validation_failed');
  }
});
