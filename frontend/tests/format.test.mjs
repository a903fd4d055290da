// Test the SPA's formats (src/format.js): dates dd/MM/yyyy HH:mm, money and numbers per language, amounts read as
// merchants type them in each language.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { dateTime, date, dayMonth, money, number, parseAmount } from '../src/format.js'

const NBSP = '\u00a0'

test('dates read day first with a 24-hour time, in the browser time zone', () => {
  const d = new Date(2026, 11, 7, 3, 52) // 7 December 2026, 03:52 local
  assert.equal(dateTime(d), '07/12/2026 03:52')
  assert.equal(dateTime(d.toISOString()), '07/12/2026 03:52')
  assert.equal(date(d), '07/12/2026')
  assert.equal(dateTime(new Date(2026, 0, 5, 23, 5)), '05/01/2026 23:05')
  assert.equal(dateTime(''), null)
  assert.equal(dateTime(null), null)
  assert.equal(dateTime('not a date'), null)
})

test('chart days read dd/MM', () => {
  assert.equal(dayMonth('2026-11-08'), '08/11')
  assert.equal(dayMonth('2026-01-31'), '31/01')
})

test('money: dots in Vietnamese, commas in English, the symbol after, no decimals for the đồng', () => {
  assert.equal(money('1234000', 'VND', 'vi'), `1.234.000${NBSP}₫`)
  assert.equal(money('1234000.00', 'VND', 'en'), `1,234,000${NBSP}₫`)
  assert.equal(money('40000000', 'VND', 'vi'), `40.000.000${NBSP}₫`)
  assert.equal(money('0', 'VND', 'vi'), `0${NBSP}₫`)
  assert.equal(money('12.5', 'USD', 'en'), `12.5${NBSP}$`)
  assert.equal(money('1234.56', 'USD', 'vi'), `1.234,56${NBSP}$`)
  assert.equal(money('', 'VND', 'vi'), null)
  assert.equal(money('abc', 'VND', 'vi'), 'abc VND')
})

test('numbers group thousands per language', () => {
  assert.equal(number(1234567, 'vi'), '1.234.567')
  assert.equal(number(1234567, 'en'), '1,234,567')
  assert.equal(number(0, 'vi'), '0')
})

test('amounts typed in Vietnamese: dots group thousands, a comma marks decimals', () => {
  assert.deepEqual(parseAmount('408.000', 'vi'), { value: '408000', error: null })
  assert.deepEqual(parseAmount('1.234.567', 'vi'), { value: '1234567', error: null })
  assert.deepEqual(parseAmount('1.234.567,5', 'vi'), { value: '1234567.5', error: null })
  assert.deepEqual(parseAmount('408000', 'vi'), { value: '408000', error: null })
  assert.deepEqual(parseAmount('408.000 ₫', 'vi'), { value: '408000', error: null })
  assert.deepEqual(parseAmount('408.000đ', 'vi'), { value: '408000', error: null })
  assert.deepEqual(parseAmount('1,50', 'vi'), { value: '1.50', error: null })
  assert.deepEqual(parseAmount('1.50', 'vi'), { value: null, error: 'not_an_amount' }, 'never 1,5 ₫ by accident')
  assert.deepEqual(parseAmount('12.34.567', 'vi'), { value: null, error: 'not_an_amount' })
  assert.deepEqual(parseAmount('-5', 'vi'), { value: null, error: 'not_an_amount' })
  assert.deepEqual(parseAmount('abc', 'vi'), { value: null, error: 'not_an_amount' })
  assert.deepEqual(parseAmount('  ', 'vi'), { value: null, error: null })
})

test('amounts typed in English: commas group thousands, a dot marks decimals; a dot before three digits groups', () => {
  assert.deepEqual(parseAmount('408,000', 'en'), { value: '408000', error: null })
  assert.deepEqual(parseAmount('1,234.50', 'en'), { value: '1234.50', error: null })
  assert.deepEqual(parseAmount('1.50', 'en'), { value: '1.50', error: null })
  assert.deepEqual(parseAmount('408.000', 'en'), { value: '408000', error: null })
  assert.deepEqual(parseAmount('1,234,5', 'en'), { value: null, error: 'not_an_amount' })
})
