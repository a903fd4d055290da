// A destructive action the user confirms first: a warning box, then the call with a busy row, a success toast and a reload.
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'
import { PHONE_QUERY } from '../composables/useIsPhone'

// busy is a ref holding the id of the row being worked on (for its button's loading state).
export async function confirmAction({ t, title, message, busy, id, run, success, reload }) {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
      // Full-screen on a phone (style.css).
      customClass: window.matchMedia(PHONE_QUERY).matches ? 'message-box--phone' : '',
    })
  } catch {
    return
  }
  busy.value = id
  try {
    await run()
    ElMessage({ type: 'success', message: success, grouping: true })
    await reload()
  } catch {
    /* the API module has shown the error */
  } finally {
    busy.value = null
  }
}
