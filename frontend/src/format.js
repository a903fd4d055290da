// How the SPA writes dates, money and numbers, and reads the amounts merchants type: pure functions of a language
// ('vi' or 'en'), used through i18n/index.js (which passes the UI's language) by every screen, chart and print view.

const TAGS = { vi: 'vi-VN', en: 'en-GB' }
const tag = (lang) => TAGS[lang] || TAGS.vi
const pad = (n) => String(n).padStart(2, '0')

// A Date, or null for an empty or unreadable value.
function toDate(value) {
  if (value === null || value === undefined || value === '') return null
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

// dd/MM/yyyy HH:mm in the browser's time zone, in both languages (merchants read 07/12/2026 as 7 December);
// null when there is no date.
export function dateTime(value) {
  const d = toDate(value)
  if (!d) return null
  return `${date(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

// dd/MM/yyyy; null when there is no date.
export function date(value) {
  const d = toDate(value)
  if (!d) return null
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`
}

// A calendar day 'yyyy-MM-dd' (a chart's day, no time zone) as dd/MM.
export function dayMonth(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(day))
  return m ? `${m[3]}/${m[2]}` : String(day)
}

// Fraction digits a currency is written with: none for the đồng (and other currencies without minor units).
function fractionDigits(currency, lang) {
  try {
    return new Intl.NumberFormat(tag(lang), { style: 'currency', currency }).resolvedOptions().maximumFractionDigits
  } catch {
    return 2
  }
}

// A decimal string (or number) and a currency code as money: 1.234.000 ₫ in Vietnamese, 1,234,000 ₫ in English
// (the symbol after the amount in both); null when there is no amount.
export function money(amount, currency, lang) {
  if (amount === null || amount === undefined || amount === '') return null
  const n = Number(amount)
  if (!Number.isFinite(n)) return currency ? `${amount} ${currency}` : String(amount)
  const digits = currency ? fractionDigits(currency, lang) : 2
  const figure = new Intl.NumberFormat(tag(lang), { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(n)
  if (!currency) return figure
  let symbol = currency
  try {
    const parts = new Intl.NumberFormat(tag(lang), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0)
    symbol = parts.find((p) => p.type === 'currency')?.value || currency
  } catch {
    /* not an ISO 4217 code: the code itself */
  }
  return `${figure}\u00a0${symbol}`
}

// A number with the language's thousands separator (. in Vietnamese, , in English).
export function number(value, lang) {
  const n = Number(value)
  return Number.isFinite(n) ? new Intl.NumberFormat(tag(lang), { maximumFractionDigits: 2 }).format(n) : String(value ?? '')
}

// Reads an amount as a merchant types it: in Vietnamese '.' groups thousands and ',' marks decimals ("408.000",
// "1.234.567,5"), in English the other way round ("408,000", "1,234.50"); spaces, ₫ and "đ" are ignored. A lone
// separator followed by exactly three digits is a thousands group in both ("408.000" is 408000 in English too,
// "1.50" is one and a half there and refused in Vietnamese). Returns {value: a decimal string, or null, error:
// null or 'not_an_amount'}.
export function parseAmount(text, lang) {
  const s = String(text ?? '').replace(/[\s\u00a0₫]|đ|VND/gi, '')
  if (s === '') return { value: null, error: null }
  const group = lang === 'en' ? ',' : '.'
  const decimal = lang === 'en' ? '.' : ','
  if (!/^\d[\d.,]*$/.test(s)) return { value: null, error: 'not_an_amount' }
  let whole = s
  let frac = ''
  const d = s.lastIndexOf(decimal)
  // The decimal mark of the language, unless it is followed by exactly three digits and is the only mark (a group).
  if (d >= 0 && !(s.indexOf(decimal) === d && s.length - d - 1 === 3 && !s.includes(group))) {
    whole = s.slice(0, d)
    frac = s.slice(d + 1)
    if (!/^\d{1,2}$/.test(frac)) return { value: null, error: 'not_an_amount' }
  }
  const groups = whole.split(/[.,]/)
  if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) {
    return { value: null, error: 'not_an_amount' }
  }
  const digits = groups.join('').replace(/^0+(?=\d)/, '')
  return { value: frac ? `${digits}.${frac}` : digits, error: null }
}
