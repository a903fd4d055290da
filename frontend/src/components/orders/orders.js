// Order helpers shared by the orders list and the order detail: the status mapping (GET /order-statuses),
// status labels and tag colours, the list's URL query, and local-day boundaries for the date filter.
import { reactive, ref } from 'vue'
import { ordersApi } from '../../api'
import { i18n } from '../../i18n'

export const STATUS_CODES = [
  'awaiting_payment',
  'awaiting_confirmation',
  'processing',
  'packing',
  'shipping',
  'delivered',
  'completed',
  'cancelled',
  'unknown',
]

// The el-tag look of each app status: one colour family per stage, deeper as the order moves on.
const STATUS_TAGS = {
  awaiting_payment: { type: 'warning', effect: 'plain' },
  awaiting_confirmation: { type: 'warning', effect: 'light' },
  processing: { type: 'primary', effect: 'plain' },
  packing: { type: 'primary', effect: 'light' },
  shipping: { type: 'primary', effect: 'dark' },
  delivered: { type: 'success', effect: 'light' },
  completed: { type: 'success', effect: 'dark' },
  cancelled: { type: 'danger', effect: 'light' },
  unknown: { type: 'info', effect: 'light' },
}

export function statusTag(code) {
  return STATUS_TAGS[code] || STATUS_TAGS.unknown
}

// The mapping table as the API serves it ({code, vi, en, tiktok_statuses}), loaded once per page load.
export const orderStatuses = reactive({ items: [], loaded: false })
let statusesPending = null

export function loadOrderStatuses() {
  if (orderStatuses.loaded) return Promise.resolve(orderStatuses.items)
  if (!statusesPending) {
    statusesPending = ordersApi
      .statuses()
      .then((res) => {
        orderStatuses.items = Array.isArray(res?.items) ? res.items : []
        orderStatuses.loaded = true
        return orderStatuses.items
      })
      .catch((err) => {
        statusesPending = null
        throw err
      })
  }
  return statusesPending
}

// An app status code in the UI language: the API's own label when loaded, else ours, else the code.
export function statusLabel(code) {
  const locale = i18n.global.locale.value
  const row = orderStatuses.items.find((s) => s.code === code)
  if (row && row[locale]) return row[locale]
  const key = `orders.statuses.${code}`
  return code && i18n.global.te(key) ? i18n.global.t(key) : code || i18n.global.t('common.none')
}

// TikTok's own status (AWAITING_SHIPMENT …) in the user's words; a status TikTok adds later shows as sent.
export function tiktokStatusLabel(code) {
  const key = `orders.tiktokStatuses.${code}`
  return code && i18n.global.te(key) ? i18n.global.t(key) : code || i18n.global.t('common.none')
}

// How the parcel travels (TIKTOK / SELLER) in the user's words.
export function shippingTypeLabel(code) {
  const key = `orders.shippingTypes.${code}`
  return code && i18n.global.te(key) ? i18n.global.t(key) : code || i18n.global.t('common.none')
}

// The list's query string as last shown, so the detail's back link returns to the same filters.
export const lastListQuery = ref({})

export const PAGE_SIZES = [20, 50, 100]
// The deepest offset GET /orders serves by `page` (from either end of an exact total); deeper pages go by cursor.
export const PAGE_OFFSET_MAX = 10000
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const CURSOR_RE = /^[np]\d+_\d+(_\d+)?$/

function single(value) {
  return Array.isArray(value) ? value[0] : value
}

/**
 * The list's filters from the URL query (unknown or malformed values fall back to their defaults):
 * tab all|ecommerce, shop (connection id), status, from/to (YYYY-MM-DD, local days), q, page, per_page,
 * sort newest|oldest, linked, slip, shipping to_arrange|awaiting_collection, label printed|not_printed, cursor (a next_cursor/prev_cursor of the API, beyond the page range; page then counts on).
 */
export function readListQuery(query) {
  const str = (v) => (typeof single(v) === 'string' ? single(v).trim() : '')
  const int = (v) => {
    const n = Number.parseInt(str(v), 10)
    return Number.isFinite(n) && n > 0 ? n : 0
  }
  const perPage = int(query.per_page)
  const from = str(query.from)
  const to = str(query.to)
  const cursor = str(query.cursor)
  return {
    tab: str(query.tab) === 'ecommerce' ? 'ecommerce' : 'all',
    shop: int(query.shop) ? String(int(query.shop)) : '',
    status: str(query.status),
    from: DATE_RE.test(from) ? from : '',
    to: DATE_RE.test(to) ? to : '',
    q: str(query.q).slice(0, 100),
    page: int(query.page) || 1,
    perPage: PAGE_SIZES.includes(perPage) ? perPage : PAGE_SIZES[0],
    sort: str(query.sort) === 'oldest' ? 'oldest' : 'newest',
    linked: ['linked', 'unlinked'].includes(str(query.linked)) ? str(query.linked) : '',
    slip: ['with', 'without'].includes(str(query.slip)) ? str(query.slip) : '',
    shipping: ['to_arrange', 'awaiting_collection'].includes(str(query.shipping)) ? str(query.shipping) : '',
    label: ['printed', 'not_printed'].includes(str(query.label)) ? str(query.label) : '',
    cursor: cursor.length <= 64 && CURSOR_RE.test(cursor) ? cursor : '',
  }
}

// The URL query of a filter set; defaults are left out so the plain list has a plain URL.
export function writeListQuery(f) {
  const q = {}
  if (f.tab === 'ecommerce') q.tab = 'ecommerce'
  if (f.shop) q.shop = String(f.shop)
  if (f.status) q.status = f.status
  if (f.from) q.from = f.from
  if (f.to) q.to = f.to
  if (f.q) q.q = f.q
  if (f.page > 1) q.page = String(f.page)
  if (f.perPage !== PAGE_SIZES[0]) q.per_page = String(f.perPage)
  if (f.sort === 'oldest') q.sort = 'oldest'
  if (f.linked) q.linked = f.linked
  if (f.slip) q.slip = f.slip
  if (f.shipping) q.shipping = f.shipping
  if (f.label) q.label = f.label
  if (f.cursor) q.cursor = f.cursor
  return q
}

// Whether anything narrows the list beyond the tab.
export function hasFilters(f) {
  return Boolean(f.shop || f.status || f.from || f.to || f.q || f.linked || f.slip || f.shipping || f.label)
}

function pad(n) {
  return String(n).padStart(2, '0')
}

// Local midnight of day `ymd` (+ `addDays`) as ISO 8601 with this browser's UTC offset.
export function localDayStart(ymd, addDays = 0) {
  const [y, m, d] = ymd.split('-').map(Number)
  const dt = new Date(y, m - 1, d + addDays)
  const offset = -dt.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return (
    `${dt.getFullYear()}-${pad(dt.getMonth() + 1)}-${pad(dt.getDate())}` +
    `T${pad(dt.getHours())}:${pad(dt.getMinutes())}:00` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

// The API parameters of GET /orders for a filter set: created_to is the start of the day after `to`.
export function listParams(f) {
  return {
    channel: f.tab === 'ecommerce' ? 'tiktok' : undefined,
    connection_id: f.shop || undefined,
    status: f.status || undefined,
    q: f.q || undefined,
    created_from: f.from ? localDayStart(f.from) : undefined,
    created_to: f.to ? localDayStart(f.to, 1) : undefined,
    sort: f.sort === 'oldest' ? 'created_at' : '-created_at',
    all_linked: f.linked ? String(f.linked === 'linked') : undefined,
    has_export_slip: f.slip ? String(f.slip === 'with') : undefined,
    shipping: f.shipping || undefined,
    label: f.label || undefined,
    page: f.page,
    per_page: f.perPage,
    cursor: f.cursor || undefined,
  }
}
