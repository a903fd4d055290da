// Browser test of Cài đặt → Nhật ký hoạt động: reached from the settings home, each change made through the API shown
// with its person, object, action and the fields before → after; filtered by object; "Xem thêm" pages on; Xuất Excel
// downloads the filtered rows; the empty state; the retention saved; the screen on a 390 px phone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { apiOk, assertFitsWidth, eventually, loginByToken, PHONE, pickOption, registerByApi, startBrowser, visible, waitForPath, withPage } from './helpers.mjs'

describe('The activity log screen', () => {
  let browser
  let phone
  let token
  let owner

  before(async () => {
    browser = await startBrowser()
    phone = await startBrowser(PHONE)
    const reg = await registerByApi()
    token = reg.token
    owner = reg.user
    const s = await apiOk('POST', '/suppliers', { name: 'Công ty Vải Sài Gòn', phone: '0901000000' }, token, 201)
    await apiOk('PATCH', `/suppliers/${s.id}`, { phone: '0912345678' }, token)
    // more than one page of rows (50): products made one by one
    for (let i = 0; i < 52; i += 13) {
      await Promise.all(Array.from({ length: 13 }, (_, k) =>
        apiOk('POST', '/products', { name: `Hàng ${i + k}`, sku: `NK-${i + k}` }, token, 201)))
    }
  })

  after(async () => {
    await browser?.close()
    await phone?.close()
  })

  test('the changes with their person and fields; filter, show more, export, retention', async () => {
    await withPage(browser, 'audit-log', async (page) => {
      await loginByToken(page, token, '/settings')
      await page.getByRole('link', { name: /Nhật ký hoạt động/ }).click()
      await waitForPath(page, /\/settings\/audit-log$/)
      await visible(page.getByRole('heading', { name: 'Nhật ký hoạt động' }))
      await eventually(async () => (await page.locator('.el-table__body tr').count()) === 50, 'the first 50 rows')

      await pickOption(page, 'Đối tượng', 'Nhà cung cấp')
      await eventually(async () => (await page.locator('.el-table__body tr').count()) === 2, 'the supplier rows')
      const edit = page.locator('.el-table__body tr').first()
      await visible(edit.getByText('Sửa'))
      await visible(edit.getByText(owner.name))
      await visible(edit.getByText('Điện thoại:'))
      await visible(edit.locator('del', { hasText: '0901000000' }))
      await visible(edit.locator('ins', { hasText: '0912345678' }))
      await visible(page.locator('.el-table__body tr').nth(1).getByText('Tạo'))
      assert.equal(await page.getByRole('button', { name: 'Xem thêm' }).count(), 0)

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()])
      assert.equal(download.suggestedFilename(), 'nhat-ky-hoat-dong.xlsx')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await readFile(await download.path()))
      assert.equal(wb.worksheets[0].rowCount, 3, 'the header and the two supplier rows')

      await pickOption(page, 'Đối tượng', 'Sản phẩm')
      await eventually(async () => (await page.locator('.el-table__body tr').count()) === 50, 'a page of products')
      await page.getByRole('button', { name: 'Xem thêm' }).click()
      await eventually(async () => (await page.locator('.el-table__body tr').count()) === 52, 'the rest of the products')
      assert.equal(await page.getByRole('button', { name: 'Xem thêm' }).count(), 0)

      await pickOption(page, 'Hành động', 'Xóa')
      await visible(page.getByText('Chưa có hoạt động nào khớp bộ lọc'))

      await page.getByLabel('Lưu nhật ký trong').fill('90')
      await page.getByRole('button', { name: 'Lưu', exact: true }).click()
      await visible(page.getByText('Đã lưu thời gian lưu nhật ký'))
      assert.equal((await apiOk('GET', '/audit-log/settings', undefined, token)).retention_days, 90)
    })
  })

  test('on a 390 px phone the rows are cards that fit the screen', async () => {
    await withPage(phone, 'audit-log-phone', async (page) => {
      await loginByToken(page, token, '/settings/audit-log')
      const list = page.getByRole('list', { name: 'Nhật ký hoạt động' })
      await visible(list)
      await pickOption(page, 'Đối tượng', 'Nhà cung cấp')
      const edit = list.getByRole('listitem').filter({ hasText: 'Sửa · Nhà cung cấp' })
      await visible(edit)
      await visible(edit.getByText('Điện thoại:'))
      await visible(edit.locator('ins', { hasText: '0912345678' }))
      await assertFitsWidth(page, 'the activity log')
    })
  })
})
