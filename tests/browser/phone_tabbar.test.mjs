// On a 390 px phone the four daily screens are one tap away in a bottom bar (no drawer), each target 44 px or more,
// the screen shown marked as current; the bar hides nothing at the end of a page; a toast opens below the sticky
// header, not over the screen's title.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { assertFitsWidth, assertTouchSized, BASE_URL, loginByToken, PHONE, registerByApi, startBrowser, visible, withPage } from './helpers.mjs'

let browser
let token

before(async () => {
  browser = await startBrowser(PHONE)
  ;({ token } = await registerByApi())
})

after(async () => browser?.close())

test('the bottom bar goes to Tổng quan, Đơn hàng, Phiếu xuất and Tồn kho without the drawer', async () => {
  await withPage(browser, 'phone-tabbar', async (page) => {
    await loginByToken(page, token, '/')
    const bar = await visible(page.getByRole('navigation', { name: 'Màn hình hằng ngày' }))
    const links = bar.getByRole('link')
    assert.deepEqual((await links.allInnerTexts()).map((s) => s.trim()), ['Tổng quan', 'Đơn hàng', 'Phiếu xuất', 'Tồn kho'])
    const heights = await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
    assert.ok(heights.every((h) => h >= 44), `every target 44 px or more (${heights.join(', ')})`)
    assert.equal(await bar.getByRole('link', { name: 'Tổng quan' }).getAttribute('aria-current'), 'page')
    for (const [name, path, heading] of [['Đơn hàng', '/orders', 'Đơn hàng'], ['Phiếu xuất', '/export-slips', 'Phiếu xuất'], ['Tồn kho', '/inventory', 'Tồn kho'], ['Tổng quan', '/', 'Tổng quan']]) {
      await bar.getByRole('link', { name }).tap()
      await page.waitForURL((url) => url.pathname === path)
      await visible(page.getByRole('heading', { name: heading, level: 1 }))
      assert.equal(await bar.getByRole('link', { name }).getAttribute('aria-current'), 'page')
      await assertFitsWidth(page, `${name} with the bottom bar`)
    }
    await assertTouchSized(page, 'the bottom bar', bar)
    // the end of the page scrolls clear of the bar
    const clear = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight)
      const main = document.querySelector('.layout__main')
      const last = main.lastElementChild.getBoundingClientRect()
      const barTop = document.querySelector('.tabbar').getBoundingClientRect().top
      return last.bottom <= barTop + 1
    })
    assert.ok(clear, 'the last of the page ends above the bar')
  })
})

test('a toast on a phone opens below where the sticky header is', async () => {
  await withPage(browser, 'phone-toast', async (page) => {
    const { user } = await registerByApi()
    await page.goto(`${BASE_URL}/login`)
    await page.getByLabel('Email', { exact: true }).fill(user.email)
    await page.getByLabel('Mật khẩu', { exact: true }).fill(`${user.password}-wrong`)
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).tap()
    const toast = await visible(page.getByRole('alert').filter({ has: page.locator('.el-message__content') }))
    await page.waitForFunction(() => {
      const el = document.querySelector('.el-message')
      return el && getComputedStyle(el).top === '68px'
    })
    // where it rests once its sliding in has ended (Element Plus animates it from above)
    await page.waitForFunction(() => document.querySelector('.el-message')?.getAnimations().length === 0)
    const box = await toast.boundingBox()
    assert.ok(box.y >= 60, `the toast rests at ${Math.round(box.y)} px, below a 60 px header`)
  })
})
