// Browser tests of the stock documents: the Excel import (template download, a file with bad rows shown row by row
// in Vietnamese, then a 500-row file posted as one receipt per warehouse), the receipts list's selection printed as
// one document (01-VT with amounts and the total in words), a receipt cancelled after its confirmation, and the print
// view on a phone: it fits the screen and prints one A4 page per receipt.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import {
  apiOk,
  assertFitsWidth,
  eventually,
  gone,
  loginByToken,
  PHONE,
  registerByApi,
  startBrowser,
  visible,
  waitForPath,
  withPage,
} from './helpers.mjs'

const HEADERS = ['Mã SKU', 'Tên sản phẩm', 'Số lượng', 'Giá nhập', 'Kho']

// Ticks an Element Plus checkbox: its native input is visually hidden, so the box drawn around it is clicked.
async function tick(checkbox) {
  await checkbox.locator('xpath=ancestor::label[1]').click()
  await eventually(async () => checkbox.isChecked(), 'the box to be ticked')
}

async function xlsx(rows) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Nhap kho')
  ws.addRow(HEADERS)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('Stock documents on the screens', () => {
  let browser
  let phone
  let token
  let skus
  let second

  before(async () => {
    browser = await startBrowser()
    phone = await startBrowser(PHONE)
    ;({ token } = await registerByApi())
    second = await apiOk('POST', '/warehouses', { name: 'Kho Hà Nội', code: 'HN-01' }, token, 201)
    await apiOk('POST', '/suppliers', { name: 'Công ty Vải Sài Gòn' }, token, 201)
    skus = Array.from({ length: 250 }, (_, i) => `XL-${String(i).padStart(3, '0')}`)
    for (let i = 0; i < skus.length; i += 10) {
      await Promise.all(skus.slice(i, i + 10).map((sku) => apiOk('POST', '/products', { name: `Hàng ${sku}`, sku }, token, 201)))
    }
  })

  after(async () => {
    await browser?.close()
    await phone?.close()
  })

  test('Nhập từ Excel: the template, bad rows named row by row, then 500 rows as one receipt per warehouse', async () => {
    await withPage(browser, 'stock-import', async (page) => {
      await loginByToken(page, token, '/inventory')
      await tick(page.getByRole('checkbox', { name: 'Chưa có tồn' }))
      await eventually(async () => (await page.getByText('Tổng: 250 dòng').count()) === 1, 'every product listed without stock')
      await page.getByRole('button', { name: 'Nhập từ Excel' }).click()
      const dialog = await visible(page.getByRole('dialog', { name: 'Nhập tồn kho từ Excel' }))

      // the template lists the merchant's products under the header
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải file mẫu' }).click()])
      assert.equal(download.suggestedFilename(), 'mau-nhap-kho.xlsx')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(readFileSync(await download.path()))
      const ws = wb.worksheets[0]
      assert.deepEqual(ws.getRow(1).values.slice(1), HEADERS)
      assert.equal(ws.rowCount, 251)

      // a file with bad rows: each named with its row and what is wrong, in Vietnamese; nothing is posted
      const file = dialog.getByLabel('Chọn file Excel (.xlsx)')
      await file.setInputFiles({ name: 'sai.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await xlsx([[skus[0], '', 5, 1000], ['KHONG-CO', '', 1], [skus[1], '', -2], [skus[2], '', 'mười'], [skus[0], '', 1]]) })
      await visible(dialog.getByText('4 / 5 dòng có lỗi'))
      const errors = dialog.locator('.el-table')
      await visible(errors.getByRole('row').filter({ hasText: 'KHONG-CO' }).getByText('Không có sản phẩm với mã SKU này'))
      await visible(errors.getByText('Số âm'))
      await visible(errors.getByText('Không phải là số'))
      await visible(errors.getByText('Trùng với dòng 2 (cùng SKU, cùng kho)'))
      assert.equal(await dialog.getByRole('button', { name: /Nhập kho/ }).isDisabled(), true)

      // 500 rows: every product into both warehouses (by code and by name)
      const rows = skus.flatMap((sku, i) => [[sku, `Hàng ${sku}`, 10 + (i % 5), 25000], [sku, '', 3, '12000', 'Kho Hà Nội']])
      await file.setInputFiles({ name: 'ton-dau-ky.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx(rows) })
      await visible(dialog.getByText('Tất cả 500 dòng hợp lệ. Sẽ tạo 2 phiếu nhập:'))
      await visible(dialog.getByText(`Kho Hà Nội: 250 sản phẩm, 750 đơn vị`))
      await dialog.getByRole('combobox', { name: 'Nhà cung cấp' }).click()
      await page.getByRole('option', { name: 'Công ty Vải Sài Gòn' }).click()
      await dialog.getByLabel('Ghi chú').fill('Tồn đầu kỳ')
      await dialog.getByRole('button', { name: 'Nhập kho 500 dòng' }).click()
      await visible(page.getByText(/Đã nhập kho: PNK000001, PNK000002/))
      await gone(page.getByRole('dialog', { name: 'Nhập tồn kho từ Excel' }))
      await eventually(async () => (await page.getByText('Tổng: 0 dòng').count()) === 1, 'no product left without stock')
      const receipts = (await apiOk('GET', '/stock-receipts', undefined, token)).items
      assert.deepEqual(receipts.map((r) => [r.code, r.line_count, r.supplier.name, r.note]).sort(),
        [['PNK000001', 250, 'Công ty Vải Sài Gòn', 'Tồn đầu kỳ'], ['PNK000002', 250, 'Công ty Vải Sài Gòn', 'Tồn đầu kỳ']])
      assert.ok(receipts.some((r) => r.warehouse_id === second.id && r.quantity === 750))
    })
  })

  test('the receipts list prints its selection as one document, and a receipt is cancelled after its confirmation', async () => {
    const [wh] = (await apiOk('GET', '/warehouses', undefined, token)).items
    const p = (await apiOk('GET', '/products?q=XL-000', undefined, token)).items[0]
    const small = await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, note: 'Lô nhỏ',
      lines: [{ product_id: p.id, quantity: 4, unit_cost: 300000 }] }, token, 201)
    await withPage(browser, 'receipts-print', async (page) => {
      // the product was made without a unit of measure: Tồn kho sets one for the products ticked
      await loginByToken(page, token, '/inventory')
      await page.getByRole('textbox', { name: 'Tìm sản phẩm' }).fill('XL-000')
      await page.getByRole('button', { name: 'Tìm sản phẩm' }).click()
      await tick(page.getByRole('checkbox', { name: `Chọn ${p.name}` }).first())
      await page.getByRole('button', { name: 'Đặt đơn vị tính cho 1 sản phẩm' }).click()
      const prompt = await visible(page.getByRole('dialog', { name: 'Đặt đơn vị tính cho 1 sản phẩm' }))
      assert.equal(await prompt.getByRole('textbox').inputValue(), 'cái')
      await prompt.getByRole('button', { name: 'Xác nhận' }).click()
      await visible(page.getByText('Đã đặt đơn vị tính cho 1 sản phẩm'))
      assert.equal((await apiOk('GET', `/products/${p.id}`, undefined, token)).unit, 'cái')

      await page.goto(page.url().replace(/\/inventory.*/, '/stock-receipts'))
      await visible(page.getByRole('link', { name: small.code }))
      await tick(page.getByRole('checkbox', { name: `Chọn ${small.code} để in` }))
      await tick(page.getByRole('checkbox', { name: 'Chọn PNK000001 để in' }))
      await page.getByRole('button', { name: 'In 2 phiếu đã chọn' }).click()
      await waitForPath(page, /\/stock-receipts\/print$/)
      assert.match(page.url(), /ids=/)
      const sheets = page.getByRole('article', { name: /PHIẾU NHẬP KHO/ })
      await eventually(async () => (await sheets.count()) === 2, 'two receipts on the print view')
      const one = page.getByRole('article', { name: `PHIẾU NHẬP KHO ${small.code}` })
      await visible(one.getByText('Mẫu số 01 - VT'))
      await visible(one.getByText('(Kèm theo Thông tư số 99/2025/TT-BTC ngày 27/10/2025 của Bộ trưởng Bộ Tài chính)'))
      await visible(one.getByRole('cell', { name: '300.000 ₫' }))
      await visible(one.getByRole('cell', { name: '1.200.000 ₫' }).first())
      await visible(one.getByText('Tổng số tiền (viết bằng chữ): Một triệu hai trăm nghìn đồng'))
      await visible(one.getByRole('cell', { name: 'cái' }))

      // Hủy phiếu nhập: asks first, then the receipt reads Đã hủy and the ledger takes its goods out
      await page.goto(page.url().replace(/\/stock-receipts\/print.*/, `/stock-receipts/${small.id}`))
      await page.getByRole('button', { name: 'Hủy phiếu nhập' }).click()
      const box = await visible(page.getByRole('dialog').filter({ hasText: 'Không thể hoàn tác' }))
      await box.getByRole('button', { name: 'Xác nhận', exact: true }).click()
      await visible(page.getByText(`Đã hủy phiếu nhập ${small.code}`))
      await gone(page.getByRole('button', { name: 'Hủy phiếu nhập' }))
      await visible(page.getByRole('heading', { level: 1 }).locator('..').getByText('Đã hủy', { exact: true }))
      const rows = (await apiOk('GET', `/stock-movements?product_id=${p.id}`, undefined, token)).items
      assert.deepEqual([rows[0].document.type, rows[0].document.code, rows[0].d_on_hand], ['receipt_cancel', small.code, -4])

      // the ledger names its columns and links each row to its document
      await page.goto(page.url().replace(/\/stock-receipts\/.*/, '/inventory'))
      await page.getByRole('tab', { name: 'Sổ kho' }).click()
      const ledger = page.getByRole('tabpanel', { name: 'Sổ kho' })
      await visible(ledger.getByRole('columnheader', { name: 'Thay đổi' }))
      await visible(ledger.getByRole('columnheader', { name: 'Tồn sau' }))
      await ledger.getByRole('link', { name: small.code }).first().click()
      await waitForPath(page, new RegExp(`/stock-receipts/${small.id}$`))
    })
  })

  test('on a phone the print view fits the screen and prints one A4 page per receipt', async () => {
    await withPage(phone, 'receipts-print-phone', async (page) => {
      const ids = (await apiOk('GET', '/stock-receipts?status=posted', undefined, token)).items.map((r) => r.id).slice(0, 2)
      await loginByToken(page, token, `/stock-receipts/print?ids=${ids.join(',')}`)
      await eventually(async () => (await page.getByRole('article', { name: /PHIẾU NHẬP KHO/ }).count()) === 2, 'two receipts shown')
      await assertFitsWidth(page, 'the print view on a phone')
      await page.emulateMedia({ media: 'print' })
      const pdf = await page.pdf({ format: 'A4' })
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length
      assert.ok(pages >= 2, `${pages} pages`)
      await page.emulateMedia({ media: 'screen' })
      await loginByToken(page, token, '/stock-receipts')
      await visible(page.getByRole('list', { name: 'Phiếu nhập kho' }))
      await assertFitsWidth(page, 'the receipts list on a phone')
    })
  })
})
