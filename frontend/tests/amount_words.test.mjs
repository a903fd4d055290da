// The Vietnamese amount in words printed on receipts and slips: edge values, the reading rules (linh, mốt, lăm, mười),
// zero groups, billions and beyond. Run by `npm run lint`.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { amountInWords } from '../src/components/stock/amountWords.js'

test('edge values', () => {
  assert.equal(amountInWords(0), 'Không đồng')
  assert.equal(amountInWords('0.00'), 'Không đồng')
  assert.equal(amountInWords(1), 'Một đồng')
  assert.equal(amountInWords(1000005), 'Một triệu không trăm linh năm đồng')
  assert.equal(amountInWords(1000000000), 'Một tỷ đồng')
  assert.equal(amountInWords('1200000.00'), 'Một triệu hai trăm nghìn đồng')
  assert.equal(amountInWords('999999999999'), 'Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng')
  assert.equal(amountInWords('1000000000000'), 'Một nghìn tỷ đồng')
  assert.equal(amountInWords('1000000001000'), 'Một nghìn tỷ không trăm linh một nghìn đồng')
})

test('the reading rules of tens and units', () => {
  assert.equal(amountInWords(10), 'Mười đồng')
  assert.equal(amountInWords(11), 'Mười một đồng')
  assert.equal(amountInWords(15), 'Mười lăm đồng')
  assert.equal(amountInWords(21), 'Hai mươi mốt đồng')
  assert.equal(amountInWords(25), 'Hai mươi lăm đồng')
  assert.equal(amountInWords(105), 'Một trăm linh năm đồng')
  assert.equal(amountInWords(110), 'Một trăm mười đồng')
  assert.equal(amountInWords(1001), 'Một nghìn không trăm linh một đồng')
  assert.equal(amountInWords(10500), 'Mười nghìn năm trăm đồng')
  assert.equal(amountInWords(2050000), 'Hai triệu không trăm năm mươi nghìn đồng')
  assert.equal(amountInWords(1000000), 'Một triệu đồng')
  assert.equal(amountInWords(1000001000), 'Một tỷ không trăm linh một nghìn đồng')
})

test('decimals round to whole đồng; not an amount reads as nothing', () => {
  assert.equal(amountInWords('12000.50'), 'Mười hai nghìn không trăm linh một đồng')
  assert.equal(amountInWords('12000.49'), 'Mười hai nghìn đồng')
  assert.equal(amountInWords('-5000'), 'Âm năm nghìn đồng')
  assert.equal(amountInWords('abc'), '')
  assert.equal(amountInWords(null), '')
})
