// vue-i18n setup: Vietnamese by default (bundled), English loaded when chosen; choice kept in localStorage and <html lang>
import { createI18n } from 'vue-i18n'
import { shallowReactive } from 'vue'
import elVi from 'element-plus/es/locale/lang/vi'
import vi from './vi'
import * as format from '../format'

const STORAGE_KEY = 'locale'
export const LOCALES = ['vi', 'en']
const elementLocales = shallowReactive({ vi: elVi })
// The other locales' messages and Element Plus strings, each its own chunk fetched on first use.
const loaders = {
  en: () => Promise.all([import('./en'), import('element-plus/es/locale/lang/en')]),
}

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
  locale: 'vi',
  fallbackLocale: 'vi',
  messages: { vi },
})

// The messages of the screens past the first one (vi-more.js, en-more.js), each a chunk fetched when a screen needs it.
const moreLoaders = { vi: () => import('./vi-more'), en: () => import('./en-more') }
const moreLoaded = new Set()
let moreWanted = false

async function loadMore(locale) {
  if (moreLoaded.has(locale)) return
  const messages = await moreLoaders[locale]()
  i18n.global.mergeLocaleMessage(locale, messages.default)
  moreLoaded.add(locale)
}

// Before a screen past the orders list and the overview shows (router/index.js): its messages in the current locale,
// and from then on in each locale chosen.
export async function loadMoreMessages() {
  moreWanted = true
  await loadMore(i18n.global.locale.value)
}

// Fetches a locale's messages once (nothing for the bundled Vietnamese); rejects when the chunk cannot load.
async function loadLocale(locale) {
  if (elementLocales[locale]) {
    if (moreWanted) await loadMore(locale)
    return
  }
  const [messages, element] = await loaders[locale]()
  i18n.global.setLocaleMessage(locale, messages.default)
  if (moreWanted) await loadMore(locale)
  elementLocales[locale] = element.default
}

function applyDocument(locale) {
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.title')
}

export async function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  try {
    await loadLocale(locale)
  } catch {
    return /* offline or a stale build: the current language stays */
  }
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

// ISO 8601 string -> dd/MM/yyyy HH:mm in local time; '—' when empty (format.js writes every date of the SPA).
export function formatDateTime(value) {
  return format.dateTime(value) ?? (value ? String(value) : i18n.global.t('common.none'))
}

// ISO 8601 string or yyyy-MM-dd -> dd/MM/yyyy; '—' when empty.
export function formatDate(value) {
  return format.date(value) ?? (value ? String(value) : i18n.global.t('common.none'))
}

// A decimal string and a currency code -> money in the UI language (1.234.000 ₫); '—' when empty.
export function formatMoney(amount, currency) {
  return format.money(amount, currency, i18n.global.locale.value) ?? i18n.global.t('common.none')
}

// A number in the UI language (thousands separators).
export function formatNumber(value) {
  return format.number(value, i18n.global.locale.value)
}

// An amount as the merchant typed it, read in the UI language: {value: decimal string or null, error}.
export function parseAmount(text) {
  return format.parseAmount(text, i18n.global.locale.value)
}

// Resolves once the saved language is ready (main.js mounts the app then).
export const i18nReady = setLocale(savedLocale()).then(() => applyDocument(i18n.global.locale.value))
