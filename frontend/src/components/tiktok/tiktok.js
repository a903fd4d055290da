// TikTok connection helpers shared by the connections screen: regions, the authorize redirect, plain-word texts
import { ElMessage } from 'element-plus'
import { connectionsApi } from '../../api'
import { i18n } from '../../i18n'

// Regions TikTok Shop sellers can authorize from (names live in the i18n messages under `regions`).
export const TIKTOK_REGIONS = ['VN', 'TH', 'MY', 'PH', 'SG', 'ID', 'JP', 'US', 'GB', 'MX', 'BR', 'DE', 'FR', 'IE', 'IT', 'ES']
export const DEFAULT_REGION = 'VN'

// Codes the backend callback puts in `?result=error&reason=`; anything else reads as `unknown`.
export const CONNECT_ERROR_CODES = [
  'auth_denied',
  'invalid_state',
  'state_expired',
  'state_used',
  'token_failed',
  'shops_failed',
  'shop_taken',
  'no_shops',
]

export function regionName(code) {
  const key = `regions.${code}`
  return code && i18n.global.te(key) ? i18n.global.t(key) : code || i18n.global.t('common.none')
}

// A status_reason or last_error from the API in plain words: a known code is translated, other text shown as is.
export function plainReason(value) {
  if (!value) return ''
  const key = `ecommerce.reasons.${value}`
  return i18n.global.te(key) ? i18n.global.t(key) : value
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
