// TikTok connection helpers shared by the connections screen: regions, the authorize redirect, plain-word texts, sync jobs
import { ElMessage } from 'element-plus'
import { connectionsApi } from '../../api'
import { i18n } from '../../i18n'

// Regions TikTok Shop sellers can authorize from (names live in the i18n messages under `regions`).
// Codes the backend callback puts in `?result=error&reason=`; anything else reads as `unknown`.
export const CONNECT_ERROR_CODES = [
  'auth_denied',
  'invalid_state',
  'state_expired',
  'state_used',
  'other_browser',
  'token_failed',
  'shops_failed',
  'shop_taken',
  'no_shops',
]

export function regionName(code) {
  const key = `regions.${code}`
  return code && i18n.global.te(key) ? i18n.global.t(key) : code || i18n.global.t('common.none')
}

// A reason from the API in plain words: `code` (a status_reason, last_error_code or a job's error_code) is
// translated; a code this SPA does not know yet shows the server's `detail` sentence, or the code itself.
export function plainReason(code, detail) {
  const key = `ecommerce.reasons.${code}`
  if (code && i18n.global.te(key)) return i18n.global.t(key)
  return detail || code || ''
}

// Sync jobs (POST /connections/{id}/sync, /sync-jobs): states still moving, and texts for kinds and states.
export const LIVE_JOB_STATES = ['queued', 'running']

export function isLiveJob(job) {
  return Boolean(job && LIVE_JOB_STATES.includes(job.state))
}

export function jobKindLabel(kind) {
  const key = `ecommerce.jobKinds.${kind}`
  return kind && i18n.global.te(key) ? i18n.global.t(key) : kind || i18n.global.t('common.none')
}

export function jobStateLabel(state) {
  const key = `ecommerce.jobStates.${state}`
  return state && i18n.global.te(key) ? i18n.global.t(key) : state || i18n.global.t('common.none')
}

// The el-tag type of a job state.
export function jobStateType(state) {
  return { queued: 'info', running: 'primary', done: 'success', failed: 'danger' }[state] || 'info'
}

// A job's progress as a whole percentage (0 while the total is not known yet).
export function jobPercent(job) {
  const done = Number(job?.progress?.done) || 0
  const total = Number(job?.progress?.total) || 0
  if (job?.state === 'done') return 100
  if (total <= 0) return 0
  return Math.min(100, Math.round((done * 100) / total))
}

// The text shown for a failed connection attempt (?result=error&reason=CODE[&shop=NAME]).
export function connectErrorText(reason, shop) {
  const code = CONNECT_ERROR_CODES.includes(reason) ? reason : 'unknown'
  if (code === 'shop_taken' && !shop) return i18n.global.t('ecommerce.connectErrors.shop_taken_unnamed')
  return i18n.global.t(`ecommerce.connectErrors.${code}`, { shop })
}

// Asks the backend for TikTok's authorization URL and sends the browser there; resolves false on failure
// (the API layer has already shown the error toast).
export async function startTiktokAuthorize(region) {
  try {
    const res = await connectionsApi.authorizeTiktok(region)
    if (!res || typeof res.authorize_url !== 'string' || !res.authorize_url) {
      throw new Error('authorize_url missing')
    }
    window.location.href = res.authorize_url
    return true
  } catch (err) {
    if (!err || err.name !== 'ApiError') {
      ElMessage({ type: 'error', message: i18n.global.t('errors.generic'), grouping: true })
    }
    return false
  }
}
