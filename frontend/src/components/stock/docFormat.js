// How stock documents read on the printed forms (02-VT, 01-VT): the form's date in Vietnam's calendar, and the lines of
// a slip or receipt with unit price, amount and total (money and times themselves are written by ../../format.js).

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000

// Vietnam's calendar fields of an ISO time.
export function vnParts(iso) {
  const d = new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS)
  const two = (n) => String(n).padStart(2, '0')
  return { d: two(d.getUTCDate()), m: two(d.getUTCMonth() + 1), y: d.getUTCFullYear(), hh: two(d.getUTCHours()), mm: two(d.getUTCMinutes()) }
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
