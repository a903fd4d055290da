// Session state: the bearer token (persisted in localStorage), the signed-in user (role, permissions) and merchant
import { reactive } from 'vue'

const TOKEN_KEY = 'auth_token'

export const session = reactive({ user: null, merchant: null })

export function getToken() {
  try {
    return localStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

export function isLoggedIn() {
  return Boolean(getToken())
}

// Stores a fresh token and, when given, who it belongs to ({user, merchant} of register/login/me).
export function startSession(token, who) {
  localStorage.setItem(TOKEN_KEY, token)
  setIdentity(who)
}

export function setIdentity(who) {
  session.user = who?.user ?? null
  session.merchant = who?.merchant ?? null
}

// Whether the signed-in person's role permits `permission` (GET /api/v1/roles names them; the API refuses the rest with
// 403 whatever the screen shows, so this only decides what is offered).
export function can(permission) {
  return Boolean(session.user?.permissions?.includes(permission))
}

export function clearSession() {
  try {
    localStorage.removeItem(TOKEN_KEY)
  } catch {
    /* storage unavailable: nothing to clear */
  }
  session.user = null
  session.merchant = null
}
