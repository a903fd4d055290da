// usePagedList: a paged list's rows, total, page and loading state, and one load that shows only the newest answer
import { onScopeDispose, ref } from 'vue'

/**
 * usePagedList(fetchPage, { perPage, onAnswer }) for a list the API serves as {items, total} by page and per_page.
 *
 * fetchPage(paging, { quiet }) returns the API call's promise: paging is { page, per_page } as the API names them,
 *   to which the screen adds its filters.
 * onAnswer(res, { quiet }), when given, sees each answer before it is shown: it may keep more of it (cursors, an
 *   estimate) or return false to drop it (the screen asked for another page instead).
 *
 * Returns refs items, total, page (1-based), loading, loaded (an answer has been shown), failed (the newest load
 * failed, until an answer is shown), the number perPage, and:
 *   load({ quiet }): fetches the current page. quiet: a background refresh, without the loading spinner.
 *     An answer that comes after a newer load started is dropped. Resolves true when this load was the newest
 *     when it ended (answered or failed), false when a newer one or cancel() overtook it. Never rejects: the API
 *     layer has shown the error toast.
 *   reload(): back to page 1, then load().
 *   cancel(): drops the answers on their way (the screen or drawer closes); also done when the component goes.
 */
export function usePagedList(fetchPage, { perPage = 20, onAnswer = null } = {}) {
  const items = ref([])
  const total = ref(0)
  const page = ref(1)
  const loading = ref(false)
  const loaded = ref(false)
  const failed = ref(false)
  let seq = 0

  async function load({ quiet = false } = {}) {
    const mine = ++seq
    if (!quiet) loading.value = true
    try {
      const res = await fetchPage({ page: page.value, per_page: perPage }, { quiet })
      if (mine !== seq) return false
      if (onAnswer && onAnswer(res, { quiet }) === false) return mine === seq
      items.value = res?.items || []
      total.value = res?.total ?? items.value.length
      loaded.value = true
      failed.value = false
    } catch {
      /* the API layer showed the toast (or stayed quiet); the rows shown stay */
      if (mine !== seq) return false
      failed.value = true
    } finally {
      if (mine === seq) loading.value = false
    }
    return true
  }

  function reload() {
    page.value = 1
    return load()
  }

  function cancel() {
    seq++
    loading.value = false
  }

  onScopeDispose(cancel)

  return { items, total, page, perPage, loading, loaded, failed, load, reload, cancel }
}
