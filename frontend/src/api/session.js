// Session state: the bearer token (persisted in localStorage) and the signed-in user and merchant
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

export function clearSession() {
  try {
    localStorage.removeItem(TOKEN_KEY)
  } catch {
    /* storage unavailable: nothing to clear */
  }
  session.user = null
  session.merchant = null
}
