// How stock documents read: money as 1.234.000 ₫, times as dd/MM/yyyy HH:mm in Vietnam's time, and the lines of a
// slip or receipt as the printed forms (02-VT, 01-VT) list them, with unit price, amount and total.

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000

// Vietnam's calendar fields of an ISO time.
export function vnParts(iso) {
  const d = new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS)
  const two = (n) => String(n).padStart(2, '0')
  return { d: two(d.getUTCDate()), m: two(d.getUTCMonth() + 1), y: d.getUTCFullYear(), hh: two(d.getUTCHours()), mm: two(d.getUTCMinutes()) }
}

// dd/MM/yyyy HH:mm; '—' when there is no time.
export function vnDateTime(iso) {
  if (!iso) return '—'
  const p = vnParts(iso)
  return `${p.d}/${p.m}/${p.y} ${p.hh}:${p.mm}`
}

// 1.234.000 ₫ (whole đồng; dots between thousands whatever the UI language, as the forms are Vietnamese).
export function vnd(amount) {
  if (amount === null || amount === undefined || amount === '') return ''
  const n = Math.round(Number(amount))
  if (!Number.isFinite(n)) return String(amount)
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return `${n < 0 ? '-' : ''}${digits} ₫`
}

// Hundredths of a decimal string, exact (amounts are kept in cents while they are added up).
const cents = (s) => Math.round(Number(s || 0) * 100)

// The printed lines and totals of a document: {kind, lines[{name, sku, unit, qtyDoc, qtyActual, unitPrice, amount}],
// quantity, amount (decimal strings of whole cents)}. A slip's unit price is what the order sold it for; a receipt's its
// cost price.
export function printedDoc(kind, doc) {
  const lines = doc.lines.map((l) => {
    const total = kind === 'slip' ? cents(l.amount) : cents(l.unit_cost) * l.quantity
    const unit = kind === 'slip' ? (l.quantity ? Math.round(total / l.quantity) : 0) : cents(l.unit_cost)
    const actual = kind === 'slip' ? (doc.status === 'exported' ? l.quantity : null) : l.quantity
    return { product_id: l.product_id, name: l.name, sku: l.sku, unit: l.unit, qtyDoc: l.quantity, qtyActual: actual, unitPrice: unit / 100, amount: total / 100 }
  })
  const amount = lines.reduce((n, l) => n + Math.round(l.amount * 100), 0) / 100
  const quantity = lines.reduce((n, l) => n + l.qtyDoc, 0)
  return { lines, amount, quantity }
}
