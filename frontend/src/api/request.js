// The fetch wrapper every API call goes through: JSON, bearer token, error toasts and the 401 redirect
import { h } from 'vue'
import { ElMessage } from 'element-plus'
import { i18n } from '../i18n'
import { getToken, clearSession } from './session'

export const API_BASE = '/api/v1'

// Thrown for every failed call; views may read `status`, `code` and `fields` (422 field errors).
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details || null
    this.fields = fieldMessages(details)
  }
}

// {field: message} of a 422 in the user's language: each field's code (details.errors) through fieldErrors.*,
// the server's English sentence (details.fields) only for a code this build does not know.
function fieldMessages(details) {
  const prose = details && typeof details.fields === 'object' ? details.fields : null
  const coded = Array.isArray(details?.errors) ? details.errors : []
  if (!prose && coded.length === 0) return null
  const out = { ...prose }
  for (const e of coded) {
    const key = `fieldErrors.${e.code}`
    if (typeof e.field === 'string' && i18n.global.te(key)) out[e.field] = i18n.global.t(key, { min: e.min, max: e.max, allowed: e.allowed })
  }
  return out
}

let unauthorizedHandler = () => {}

// main.js installs what a 401 does (clear the session, go to /login) so this module needs no router.
export function onUnauthorized(handler) {
  unauthorizedHandler = handler
}

function t(key) {
  return i18n.global.t(key)
}

// Prefers a translated text for a known error code, else the server's own sentence.
function errorText(err) {
  const key = `errors.${err.code}`
  if (err.code && i18n.global.te(key)) return t(key)
  return err.message || t('errors.generic')
}

// Field names of a 422 answer shown with their form label when one is known.
function fieldLabel(name) {
  const key = `fields.${name}`
  return i18n.global.te(key) ? t(key) : name
}

// The error toast of a failed call; callers that asked for {silent: true} may still show it themselves.
export function showError(err) {
  const text = errorText(err)
  const fields = err.fields ? Object.entries(err.fields) : []
  const message = fields.length
    ? h('div', { class: 'api-error' }, [
        h('div', text),
        h('ul', { class: 'api-error__fields' }, fields.map(([name, msg]) => h('li', `${fieldLabel(name)}: ${msg}`))),
      ])
    : text
  ElMessage({ type: 'error', message, showClose: true, duration: 5000, grouping: true })
}

// The body as a Blob, read chunk by chunk through the stream so the caller can show how much has arrived.
async function readBlob(res, onProgress) {
  const total = Number(res.headers.get('Content-Length')) || 0
  const rows = res.headers.get('X-Export-Rows')
  const reader = res.body.getReader()
  const chunks = []
  let received = 0
  onProgress({ received, total, rows: rows === null ? null : Number(rows) })
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    received += value.length
    onProgress({ received, total, rows: rows === null ? null : Number(rows) })
  }
  return new Blob(chunks, { type: res.headers.get('Content-Type') || 'application/octet-stream' })
}

async function readBody(res) {
  if (res.status === 204) return null
  const text = await res.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * request(method, path, body, options) -> parsed JSON (null for 204).
 * options.auth = false: no bearer header and a 401 is an ordinary error (login, register).
 * options.silent = true: no error toast; the caller shows its own.
 * options.raw = true: body is sent as it is (a File or Blob upload), not as JSON.
 * options.blob = true: a successful answer is returned as a Blob (a file download).
 * options.onProgress({received, total, rows}): called while a blob's bytes arrive (total: Content-Length or 0,
 *   rows: the X-Export-Rows header of an export or null).
 */
export async function request(method, path, body, options = {}) {
  const { auth = true, silent = false, raw = false, blob = false, onProgress = null } = options
  const headers = { Accept: 'application/json' }
  const token = auth ? getToken() : null
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json'

  let res
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    })
  } catch {
    const err = new ApiError(0, 'network_error', t('errors.network'))
    if (!silent) showError(err)
    throw err
  }

  if (res.ok && blob) return onProgress && res.body ? readBlob(res, onProgress) : res.blob()
  const data = await readBody(res)
  if (res.ok) return data

  const e = data && data.error ? data.error : {}
  const err = new ApiError(res.status, e.code || `http_${res.status}`, e.message || res.statusText, e.details)
  if (res.status === 401 && auth) {
    clearSession()
    unauthorizedHandler()
    const why = ['account_disabled', 'session_ended'].includes(err.code) ? err.code : 'session_expired'
    if (!silent) ElMessage({ type: 'warning', message: t(`errors.${why}`), grouping: true })
    throw err
  }
  if (!silent) showError(err)
  throw err
}
