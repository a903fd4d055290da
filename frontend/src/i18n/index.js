// vue-i18n setup: Vietnamese by default, English on demand, choice kept in localStorage and <html lang>
import { createI18n } from 'vue-i18n'
import elVi from 'element-plus/es/locale/lang/vi'
import elEn from 'element-plus/es/locale/lang/en'
import vi from './vi'
import en from './en'

const STORAGE_KEY = 'locale'
export const LOCALES = ['vi', 'en']
const elementLocales = { vi: elVi, en: elEn }

function savedLocale() {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return LOCALES.includes(v) ? v : 'vi'
  } catch {
    return 'vi'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'vi',
  messages: { vi, en },
})

function applyDocument(locale) {
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.title')
}

export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    /* storage unavailable: the choice lasts for this page only */
  }
  applyDocument(locale)
}

// The Element Plus locale matching a vue-i18n locale (for el-config-provider).
export function elementLocale(locale) {
  return elementLocales[locale] || elVi
}

// ISO 8601 string -> local date and time in the UI language; '—' when empty.
export function formatDateTime(value) {
  if (!value) return i18n.global.t('common.none')
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return String(value)
  const tag = i18n.global.locale.value === 'vi' ? 'vi-VN' : 'en-GB'
  return d.toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'short' })
}

applyDocument(i18n.global.locale.value)
