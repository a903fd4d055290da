// The opening-stock / receipt Excel sheet: its template and its rows as the import API takes them (read by exceljs)
// ExcelJS is passed in, so the SPA loads it only when a file is chosen and the tests read files with the same code.

// Columns A..E: SKU, name, quantity, cost price, warehouse (code or name); row 1 is the header.
export const SHEET_FIELDS = ['sku', 'name', 'quantity', 'unit_cost', 'warehouse']

// A cell's value as the import API takes it: numbers stay numbers, text is trimmed, formulas give their result,
// rich text and hyperlinks their text, dates an ISO string (the server refuses it as a number); empty: null.
export function cellValue(v) {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return v
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim()
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result)
    if (Array.isArray(v.richText)) return cellValue(v.richText.map((t) => t.text).join(''))
    if ('text' in v) return cellValue(v.text)
    if ('error' in v) return String(v.error)
  }
  return String(v)
}

// The rows of the first sheet under its header: [{row, sku, name, quantity, unit_cost, warehouse}], blank rows left out.
export async function readSheet(ExcelJS, data) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data)
  const ws = wb.worksheets[0]
  const rows = []
  if (!ws) return rows
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return
    const out = { row: number }
    let any = false
    SHEET_FIELDS.forEach((field, i) => {
      const v = cellValue(row.getCell(i + 1).value)
      out[field] = v
      if (v !== null) any = true
    })
    if (any) rows.push(out)
  })
  return rows
}

// The template: the header (the merchant's language) and the given rows; returns the .xlsx bytes.
export async function buildSheet(ExcelJS, headers, rows = []) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Nhap kho')
  ws.columns = SHEET_FIELDS.map((key, i) => ({ header: headers[i], key, width: [18, 36, 12, 14, 16][i] }))
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow(r)
  return wb.xlsx.writeBuffer()
}

// What the import API takes from the rows read (the name is for people only).
export function importRows(rows) {
  return rows.map(({ row, sku, quantity, unit_cost: cost, warehouse }) => {
    const out = { row, sku, quantity }
    if (cost !== null && cost !== undefined) out.unit_cost = cost
    if (warehouse !== null && warehouse !== undefined) out.warehouse = warehouse
    return out
  })
}
