// useIsPhone: whether the viewport is phone-sized (below 768 px), as a reactive ref that follows it
import { onScopeDispose, ref } from 'vue'

export const PHONE_QUERY = '(max-width: 767.98px)'

export function useIsPhone() {
  const mq = window.matchMedia(PHONE_QUERY)
  const isPhone = ref(mq.matches)
  const update = (e) => {
    isPhone.value = e.matches
  }
  mq.addEventListener('change', update)
  onScopeDispose(() => mq.removeEventListener('change', update))
  return isPhone
}
