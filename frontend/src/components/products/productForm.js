// The product form's rules (in the UI's language), a blank or TikTok-prefilled form, and server field errors
import { formatNumber, parseAmount } from '../../i18n'

export const NAME_MAX = 255
export const SKU_MAX = 64
export const UNIT_MAX = 32
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']

const PRICE_DIGITS = 15
const IMAGE_RE = /^(https?:\/\/\S+|\/media\/\S+)$/

export function productRules(t) {
  return {
    name: [
      { required: true, whitespace: true, message: () => t('products.rules.nameRequired'), trigger: 'blur' },
      { max: NAME_MAX, message: () => t('products.rules.tooLong', { max: NAME_MAX }), trigger: 'blur' },
    ],
    sku: [
      { required: true, whitespace: true, message: () => t('products.rules.skuRequired'), trigger: 'blur' },
      { max: SKU_MAX, message: () => t('products.rules.tooLong', { max: SKU_MAX }), trigger: 'blur' },
    ],
    unit: [{ max: UNIT_MAX, message: () => t('products.rules.tooLong', { max: UNIT_MAX }), trigger: 'blur' }],
    price: [
      {
        validator: (_rule, value, done) => (priceOf(value) === undefined ? done(new Error(t('products.rules.priceInvalid'))) : done()),
        trigger: 'blur',
      },
    ],
    image_url: [
      {
        validator: (_rule, value, done) =>
          !value || IMAGE_RE.test(String(value).trim()) ? done() : done(new Error(t('products.rules.imageInvalid'))),
        trigger: 'blur',
      },
    ],
  }
}

export function blankForm() {
  return { name: '', sku: '', unit: '', price: '', image_url: '' }
}

// A product form prefilled from a TikTok item (a channel SKU or an order line): name, SKU code, image.
export function formFromTiktok(item) {
  const name = [item.name || item.product_name, item.sku_name].filter(Boolean).join(' - ')
  return {
    ...blankForm(),
    name: name.slice(0, NAME_MAX),
    sku: (item.seller_sku || '').trim().slice(0, SKU_MAX),
    image_url: item.image_url || '',
    price: priceText(item.price || item.unit_price),
  }
}

// A stored price as the merchant reads it in the form (408.000 in Vietnamese, 408,000 in English); '' when none.
export function priceText(price) {
  return price === null || price === undefined || price === '' ? '' : formatNumber(Number(price))
}

// The price typed in the form as the API takes it ('408000', '12.5'), null when empty, undefined when it is not
// an amount (read the way merchants type in the UI's language: 408.000 or 408000 in Vietnamese).
export function priceOf(text) {
  const { value, error } = parseAmount(text)
  if (error || (value !== null && value.split('.')[0].length > PRICE_DIGITS)) return undefined
  return value
}

// The API body of a form: trimmed, price left out when empty.
export function formPayload(form) {
  const body = {
    name: form.name.trim(),
    sku: form.sku.trim(),
    unit: form.unit.trim(),
    image_url: form.image_url.trim(),
  }
  const price = priceOf(form.price)
  if (price) body.price = price
  return body
}

// The message shown under each field for a failed save, in the UI's language (the API's field codes, translated
// by the API module).
export function serverFieldErrors(t, err, prefix = '') {
  const out = {}
  if (!err?.fields) return out
  for (const key of Object.keys(err.fields)) {
    if (!key.startsWith(prefix)) continue
    const field = key.slice(prefix.length)
    out[field] = err.code === 'sku_taken' && field === 'sku' ? t('products.rules.skuTaken') : err.fields[key]
  }
  return out
}
