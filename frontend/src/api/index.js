// One function per REST endpoint the SPA uses (paths are relative to /api/v1)
import { request } from './request'

export { ApiError, showError as showApiError } from './request'

export const authApi = {
  register: (payload) => request('POST', '/auth/register', payload, { auth: false }),
  login: (payload) => request('POST', '/auth/login', payload, { auth: false }),
  me: () => request('GET', '/auth/me'),
  // the language the app's own mails to this person are written in (silent: the screen's language is changed anyway)
  setLanguage: (language) => request('PATCH', '/auth/me', { language }, { silent: true }),
  // an invitation link's token: what it is for, then accepted with a name and password (a session like login's);
  // silent: their pages say a refused link in place
  lookupInvitation: (token) => request('POST', '/auth/invitations/lookup', { token }, { auth: false, silent: true }),
  acceptInvitation: (payload) => request('POST', '/auth/invitations/accept', payload, { auth: false, silent: true }),
  // "Quên mật khẩu": the link by e-mail (202 whatever the address), then the new password with its token
  requestPasswordReset: (payload) => request('POST', '/auth/password-reset', payload, { auth: false }),
  confirmPasswordReset: (payload) => request('POST', '/auth/password-reset/confirm', payload, { auth: false, silent: true }),
}

// The roles of a merchant's people with what each may do.
export const rolesApi = {
  list: (options) => request('GET', '/roles', undefined, options),
}

// Settings → Nhân viên: the people and pending invitations, role and access changes, ownership transfer.
export const staffApi = {
  list: (options) => request('GET', '/staff', undefined, options),
  update: (id, payload) => request('PATCH', `/staff/${encodeURIComponent(id)}`, payload),
  transferOwnership: (id, password) => request('POST', `/staff/${encodeURIComponent(id)}/transfer-ownership`, { password }),
  invite: (payload) => request('POST', '/staff/invitations', payload),
  resendInvitation: (id, lang) => request('POST', `/staff/invitations/${encodeURIComponent(id)}/resend`, { lang }),
  revokeInvitation: (id) => request('DELETE', `/staff/invitations/${encodeURIComponent(id)}`),
}

export const apiTokensApi = {
  list: ({ page = 1, perPage = 50 } = {}) => request('GET', `/api-tokens?page=${page}&per_page=${perPage}`),
  create: (payload) => request('POST', '/api-tokens', payload),
  revoke: (id) => request('DELETE', `/api-tokens/${encodeURIComponent(id)}`),
}

// Marketplace connections (Settings → E-commerce sync). `options` passes through to request() ({silent}).
export const connectionsApi = {
  list: ({ page = 1, perPage = 20, includeDisconnected = false } = {}, options) =>
    request('GET', `/connections?page=${page}&per_page=${perPage}${includeDisconnected ? '&include_disconnected=true' : ''}`, undefined, options),
  authorizeTiktok: (region) => request('POST', '/connections/tiktok/authorize', { region }),
  remove: (id) => request('DELETE', `/connections/${encodeURIComponent(id)}`),
  // "Sync all": 202 {job}; while a run is going the backend answers that run (same id).
  sync: (id, options) => request('POST', `/connections/${encodeURIComponent(id)}/sync`, undefined, options),
}

// Sync jobs: one job's progress, and the sync log (newest first, optionally of one connection).
export const syncJobsApi = {
  get: (id, options) => request('GET', `/sync-jobs/${encodeURIComponent(id)}`, undefined, options),
  list: ({ connectionId, page = 1, perPage = 20 } = {}, options) =>
    request('GET', `/sync-jobs${queryString({ connection_id: connectionId, page, per_page: perPage })}`, undefined, options),
}

// Orders: the list (filters as the API names them: channel, connection_id, status, q, created_from,
// created_to, sort, page, per_page), one order in full, and the TikTok → app status mapping.
export const ordersApi = {
  list: (params = {}, options) => request('GET', `/orders${queryString(params)}`, undefined, options),
  get: (id, options) => request('GET', `/orders/${encodeURIComponent(id)}`, undefined, options),
  statuses: (options) => request('GET', '/order-statuses', undefined, options),
  // how many orders the merchant has (all shops): what open screens poll for new orders
  count: (options) => request('GET', '/orders/count', undefined, options),
  // the list with the same filters as an .xlsx Blob
  exportXlsx: (params = {}, options = {}) =>
    request('GET', `/orders/export.xlsx${queryString(params)}`, undefined, { ...options, blob: true }),
}

// Warehouses, stock and its ledger, stock receipts, export slips of orders and their returns.
export const stockApi = {
  warehouses: (options) => request('GET', '/warehouses?per_page=200', undefined, options),
  createWarehouse: (payload) => request('POST', '/warehouses', payload),
  updateWarehouse: (id, payload) => request('PATCH', `/warehouses/${encodeURIComponent(id)}`, payload),
  // params: warehouse_id, product_id, q, page, per_page
  stock: (params = {}, options) => request('GET', `/stock${queryString(params)}`, undefined, options),
  movements: (params = {}, options) => request('GET', `/stock-movements${queryString(params)}`, undefined, options),
  receive: (payload) => request('POST', '/stock-receipts', payload),
  createSlip: (orderId, warehouseId, options) =>
    request('POST', `/orders/${encodeURIComponent(orderId)}/export-slips`, { warehouse_id: warehouseId }, options),
  // params: status, warehouse_id, q, page, per_page
  slips: (params = {}, options) => request('GET', `/export-slips${queryString(params)}`, undefined, options),
  slip: (id, options) => request('GET', `/export-slips/${encodeURIComponent(id)}`, undefined, options),
  exportSlip: (id) => request('POST', `/export-slips/${encodeURIComponent(id)}/export`),
  cancelSlip: (id) => request('POST', `/export-slips/${encodeURIComponent(id)}/cancel`),
  returnGoods: (id, payload) => request('POST', `/export-slips/${encodeURIComponent(id)}/returns`, payload),
  // the stock list and the ledger with the same filters as .xlsx Blobs
  exportStock: (params = {}, options = {}) =>
    request('GET', `/stock/export.xlsx${queryString(params)}`, undefined, { ...options, blob: true }),
  // the merchant's low-stock threshold {threshold}
  lowStock: () => request('GET', '/stock/low-stock'),
  saveLowStock: (payload) => request('PUT', '/stock/low-stock', payload),
  exportMovements: (params = {}) =>
    request('GET', `/stock-movements/export.xlsx${queryString(params)}`, undefined, { blob: true }),
  // receipts and returns (params: kind, status, warehouse_id, supplier_id, q, page, per_page), one, its cancellation
  receipts: (params = {}, options) => request('GET', `/stock-receipts${queryString(params)}`, undefined, options),
  receipt: (id, options) => request('GET', `/stock-receipts/${encodeURIComponent(id)}`, undefined, options),
  cancelReceipt: (id) => request('POST', `/stock-receipts/${encodeURIComponent(id)}/cancel`),
  // rows of an Excel sheet {dry_run, supplier_id, note, rows}; a 422 import_rows_invalid is the preview's to show
  importReceipts: (payload) => request('POST', '/stock-receipts/import', payload, { silent: true }),
  suppliers: (params = {}, options) => request('GET', `/suppliers${queryString(params)}`, undefined, options),
  createSupplier: (payload) => request('POST', '/suppliers', payload),
  updateSupplier: (id, payload) => request('PATCH', `/suppliers/${encodeURIComponent(id)}`, payload),
  deleteSupplier: (id) => request('DELETE', `/suppliers/${encodeURIComponent(id)}`),
  numbering: () => request('GET', '/document-numbering'),
  saveNumbering: (payload) => request('PUT', '/document-numbering', payload),
  setUnits: (payload) => request('POST', '/product-units', payload),
}

// The product catalog (q searches name and SKU code, diacritics ignored) and product image uploads.
export const productsApi = {
  list: (params = {}, options) => request('GET', `/products${queryString(params)}`, undefined, options),
  get: (id, options) => request('GET', `/products/${encodeURIComponent(id)}`, undefined, options),
  create: (payload, options) => request('POST', '/products', payload, options),
  update: (id, payload, options) => request('PATCH', `/products/${encodeURIComponent(id)}`, payload, options),
  remove: (id, options) => request('DELETE', `/products/${encodeURIComponent(id)}`, undefined, options),
  uploadImage: (file, options) => request('POST', '/product-images', file, { ...options, raw: true }),
}

// TikTok SKUs and their links; the order popup; pulling a shop's products (a sync job).
export const linksApi = {
  // params: connection_id, linked ('true'/'false'), product_id, q, page, per_page
  channelSkus: (params = {}, options) => request('GET', `/channel-skus${queryString(params)}`, undefined, options),
  link: (id, target, options) => request('PUT', `/channel-skus/${encodeURIComponent(id)}/link`, target, options),
  unlink: (id, options) => request('DELETE', `/channel-skus/${encodeURIComponent(id)}/link`, undefined, options),
  autoLink: (payload, options) => request('POST', '/channel-skus/auto-link', payload, options),
  orderLinks: (orderId, links, options) =>
    request('POST', `/orders/${encodeURIComponent(orderId)}/links`, { links }, options),
  pullProducts: (connectionId, options) =>
    request('POST', `/connections/${encodeURIComponent(connectionId)}/pull-products`, undefined, options),
}

// Stock push of a connection: settings, push now, per channel SKU what was pushed (failed: only failures).
export const stockPushApi = {
  settings: (connectionId, options) =>
    request('GET', `/connections/${encodeURIComponent(connectionId)}/stock-settings`, undefined, options),
  // payload.dry_run: the preview of these settings, nothing saved; payload.confirm_zero: the number of SKUs going to 0
  saveSettings: (connectionId, payload, options) =>
    request('PUT', `/connections/${encodeURIComponent(connectionId)}/stock-settings`, payload, options),
  // payload: {dry_run} for the preview, {confirm_zero} the number of SKUs going to 0 it showed
  pushNow: (connectionId, payload = {}, options) =>
    request('POST', `/connections/${encodeURIComponent(connectionId)}/push-stock`, payload, options),
  // params: failed ('true'), page, per_page
  state: (connectionId, params = {}, options) =>
    request('GET', `/connections/${encodeURIComponent(connectionId)}/stock-push${queryString(params)}`, undefined, options),
  // the shop's TikTok sales warehouses for the settings' picker, as last pulled ({items, pulled_at, job}); a new pull ({job})
  tiktokWarehouses: (connectionId, options) =>
    request('GET', `/connections/${encodeURIComponent(connectionId)}/tiktok-warehouses`, undefined, options),
  pullTiktokWarehouses: (connectionId) =>
    request('POST', `/connections/${encodeURIComponent(connectionId)}/tiktok-warehouses/pull`, undefined, { silent: true }),
  // reconciliation: start one ({job}), and the last one's result ({reconcile: null | {..., items}})
  reconcile: (connectionId) => request('POST', `/connections/${encodeURIComponent(connectionId)}/stock-reconcile`),
  lastReconcile: (connectionId, options) =>
    request('GET', `/connections/${encodeURIComponent(connectionId)}/stock-reconcile`, undefined, options),
}

// Shipping from the app: bulk runs on up to 500 orders (202 {batch}, polled), the merged label PDF, an order's pickup
// slots read by a sync job ({job}), and a shop's automatic slip rules.
export const fulfillmentApi = {
  arrange: (payload, options) => request('POST', '/fulfillment/arrange', payload, options),
  labels: (orderIds, options) => request('POST', '/fulfillment/labels', { order_ids: orderIds }, options),
  createSlips: (orderIds, warehouseId, options) =>
    request('POST', '/fulfillment/export-slips', { order_ids: orderIds, warehouse_id: warehouseId }, options),
  exportSlips: (orderIds, options) => request('POST', '/fulfillment/export-slips/export', { order_ids: orderIds }, options),
  batch: (id, options) => request('GET', `/fulfillment-batches/${encodeURIComponent(id)}`, undefined, options),
  document: (id) => request('GET', `/fulfillment-batches/${encodeURIComponent(id)}/document`, undefined, { blob: true }),
  handoverSlots: (orderId) => request('POST', `/orders/${encodeURIComponent(orderId)}/handover-slots`),
  settings: (connectionId, options) =>
    request('GET', `/connections/${encodeURIComponent(connectionId)}/fulfillment-settings`, undefined, options),
  saveSettings: (connectionId, payload) =>
    request('PUT', `/connections/${encodeURIComponent(connectionId)}/fulfillment-settings`, payload),
}

// Cancellation and return requests from TikTok: the list (waiting, kind, status, connection_id, sort, per_page, cursor →
// next_cursor), one request with its lines and TikTok's reject reasons, and answers sent by a sync job (202 {job}).
export const afterSalesApi = {
  list: (params = {}, options) => request('GET', `/after-sales${queryString(params)}`, undefined, options),
  get: (id, options) => request('GET', `/after-sales/${encodeURIComponent(id)}`, undefined, options),
  approve: (id, note) => request('POST', `/after-sales/${encodeURIComponent(id)}/approve`, note ? { note } : {}),
  reject: (id, payload) => request('POST', `/after-sales/${encodeURIComponent(id)}/reject`, payload),
  approveMany: (ids) => request('POST', '/after-sales/approve', { ids }),
}

// '?a=1&b=x' from an object; empty, null and undefined values are left out.
function queryString(params) {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    q.set(key, String(value))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

// The home screen's numbers: work waiting (each with the list path it counts), orders per day and status, sync health.
export const overviewApi = {
  get: (options) => request('GET', '/overview', undefined, options),
  settings: () => request('GET', '/overview/settings'),
  saveSettings: (body) => request('PUT', '/overview/settings', body),
}

// The audit log (Settings → Activity log): who changed what, newest first by cursor; its Excel export; how long it is kept.
export const auditApi = {
  // params: user_id, entity, action, from, to, cursor, per_page
  list: (params = {}, options) => request('GET', `/audit-log${queryString(params)}`, undefined, options),
  exportXlsx: (params = {}, options = {}) =>
    request('GET', `/audit-log/export.xlsx${queryString(params)}`, undefined, { ...options, blob: true }),
  settings: () => request('GET', '/audit-log/settings'),
  saveSettings: (body) => request('PUT', '/audit-log/settings', body),
}
