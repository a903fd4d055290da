// The sandbox's image upload (TikTok's Product API 202309): multipart `data` and `use_case`, signed without the body,
// type, size and dimensions checked with TikTok-style codes, and the uri it issues kept per shop (a rejection naming
// another shop's image is refused in sandbox_return_refund and after_sales_images).
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { ctlOk, newSeller, connect, TikTokClient } from './lib/sandbox.mjs'
import { png } from './lib/images.mjs'

let app, client, shop

before(async () => {
  app = await ctlOk('GET', '/sandbox/app')
  const seller = await newSeller({ products: 0 })
  shop = seller.shops[0]
  const tokens = await connect(seller, app)
  client = new TikTokClient(app, tokens.access_token, { shopCipher: shop.cipher })
})

function refused(r, code, status = 400) {
  assert.equal(r.status, status, r.text)
  assert.equal(r.data?.code, code, r.text)
  assert.equal(r.data.data, null)
}

test('an image upload answers its uri, url, size and use case, and the shop\'s images list it', async () => {
  const r = await client.upload(png(640, 480), { useCase: 'DESCRIPTION_IMAGE' })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.data.code, 0)
  const d = r.data.data
  assert.deepEqual(Object.keys(d).sort(), ['height', 'uri', 'url', 'use_case', 'width'])
  assert.equal(d.width, 640)
  assert.equal(d.height, 480)
  assert.equal(d.use_case, 'DESCRIPTION_IMAGE')
  assert.match(d.uri, /^tos-sandbox-i\/[A-Za-z0-9]{32}$/)
  const listed = (await ctlOk('GET', `/sandbox/shops/${shop.id}/images`)).images
  assert.deepEqual(listed.at(-1), { uri: d.uri, use_case: 'DESCRIPTION_IMAGE', mime_type: 'image/png', width: 640, height: 480,
    size: png(640, 480).length, create_time: listed.at(-1).create_time })
  // without use_case TikTok takes it as a main image
  assert.equal((await client.upload(png(100, 100), { useCase: null })).data.data.use_case, 'MAIN_IMAGE')
})

test('refusals: not an image, too small, unknown use case, no data, larger than 5 MB, a bad sign', async () => {
  const count = async () => (await ctlOk('GET', `/sandbox/shops/${shop.id}/images`)).images.length
  const before = await count()
  refused(await client.upload(Buffer.from('GIF89a…'), { type: 'image/gif' }), 12052700)
  refused(await client.upload(png(99, 300)), 12052702)
  refused(await client.upload(png(300, 300), { useCase: 'SELFIE' }), 36009004)
  refused(await client.upload(null), 36009004)
  refused(await client.upload(png(120, 120, [9, 9, 9], 5 * 1024 * 1024)), 12052701)
  refused(await client.upload(png(120, 120), { sign: '0'.repeat(64) }), 106001, 401)
  assert.equal(await count(), before, 'nothing refused was kept')
})
