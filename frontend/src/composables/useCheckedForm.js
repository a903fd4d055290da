// A form checked by its rules before it is sent: the server's field errors under their fields, and its busy state.
import { reactive, ref } from 'vue'
import { fieldErrors } from '../components/formRules'

// fields: the names whose refusals (the API's details.fields) show under their form items
export function useCheckedForm(fields) {
  const formRef = ref()
  const serverErrors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  const submitting = ref(false)

  function clearErrors() {
    fieldErrors(serverErrors, null)
  }

  // Runs send() once the rules pass; a refusal goes to refused(err) first (codes the form shows its own way), then
  // its field errors under their fields.
  async function submitWith(send, refused) {
    clearErrors()
    const valid = await formRef.value.validate().catch(() => false)
    if (!valid) return
    submitting.value = true
    try {
      await send()
    } catch (err) {
      refused?.(err)
      fieldErrors(serverErrors, err.fields)
    } finally {
      submitting.value = false
    }
  }

  return { formRef, serverErrors, submitting, clearErrors, submitWith }
}
