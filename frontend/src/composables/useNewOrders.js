// useNewOrders: how many orders arrived since the screen last showed them, by a cheap poll of GET /orders/count every
// 15 s while the tab is visible and at once when it comes back; `seen()` makes the current number the shown one.
import { onScopeDispose, ref } from 'vue'
import { ordersApi } from '../api'

const EVERY_MS = 15000

export function useNewOrders() {
  const newCount = ref(0)
  let shown = null
  let latest = null

  async function check() {
    if (document.visibilityState === 'hidden') return
    try {
      latest = (await ordersApi.count({ silent: true })).total
    } catch {
      return /* offline or signed out: the next check tries again */
    }
    if (shown === null) shown = latest
    newCount.value = Math.max(0, latest - shown)
  }

  // The orders on screen are the current ones (after a load): the count read now is the one shown.
  function seen() {
    shown = null
    newCount.value = 0
    check()
  }

  const onVisible = () => document.visibilityState === 'visible' && check()
  document.addEventListener('visibilitychange', onVisible)
  window.addEventListener('focus', onVisible)
  const timer = setInterval(check, EVERY_MS)
  check()
  onScopeDispose(() => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisible)
    window.removeEventListener('focus', onVisible)
  })
  return { newCount, seen, check }
}
