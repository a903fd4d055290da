// An amount of đồng in Vietnamese words, as printed on receipts and slips ("Một triệu hai trăm nghìn đồng").
// Whole đồng (VND has no smaller unit in use; decimals are rounded); any size, read from a decimal string or number.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']

// Three digits (0..999); full: the group follows a higher one, so its zero hundreds and tens are read aloud.
function group(n, full) {
  const h = Math.floor(n / 100)
  const t = Math.floor(n / 10) % 10
  const u = n % 10
  const words = []
  if (h > 0 || full) words.push(DIGITS[h], 'trăm')
  if (t === 0 && u > 0 && (h > 0 || full)) words.push('linh')
  else if (t === 1) words.push('mười')
  else if (t > 1) words.push(DIGITS[t], 'mươi')
  if (u === 1 && t > 1) words.push('mốt')
  else if (u === 5 && t > 0) words.push('lăm')
  else if (u > 0) words.push(DIGITS[u])
  return words
}

// A whole number below a billion: groups of thousands; all-zero groups are left out.
function belowBillion(n, full) {
  const parts = [[Math.floor(n / 1e6), 'triệu'], [Math.floor(n / 1e3) % 1000, 'nghìn'], [n % 1000, '']]
  const words = []
  for (const [g, unit] of parts) {
    if (g === 0) continue
    words.push(...group(g, full || words.length > 0))
    if (unit) words.push(unit)
  }
  return words
}

// Any whole number (BigInt): billions (tỷ) of billions read the same way.
function whole(n, full) {
  if (n < 1000000000n) return belowBillion(Number(n), full)
  const high = whole(n / 1000000000n, full)
  const low = n % 1000000000n
  return low === 0n ? [...high, 'tỷ'] : [...high, 'tỷ', ...belowBillion(Number(low), true)]
}

export function amountInWords(amount) {
  const text = String(amount ?? '').trim()
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) return ''
  let n = BigInt(m[2])
  if (m[3] && Number(m[3][0]) >= 5) n += 1n
  const words = n === 0n ? ['không'] : whole(n, false)
  const sentence = `${m[1] && n > 0n ? 'âm ' : ''}${words.join(' ')} đồng`
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}
