// Shared Element Plus form rules for the auth forms, and mapping of 422 field errors onto form items
export const PASSWORD_MIN = 8

export function requiredRules(t, messageKey, max) {
  const rules = [{ required: true, whitespace: true, message: () => t(messageKey), trigger: 'blur' }]
  if (max) rules.push({ max, message: () => t('auth.rules.tooLong', { max }), trigger: 'blur' })
  return rules
}

export function emailRules(t) {
  return [
    { required: true, whitespace: true, message: () => t('auth.rules.emailRequired'), trigger: 'blur' },
    { type: 'email', message: () => t('auth.rules.emailInvalid'), trigger: 'blur' },
  ]
}

export function passwordRequiredRules(t) {
  return [{ required: true, message: () => t('auth.rules.passwordRequired'), trigger: 'blur' }]
}

export function passwordRules(t) {
  return [
    ...passwordRequiredRules(t),
    { min: PASSWORD_MIN, message: () => t('auth.rules.passwordMin', { min: PASSWORD_MIN }), trigger: 'blur' },
  ]
}

// Copies the API's details.fields ({email: "message"}) onto a reactive {field: error} object; null clears.
export function fieldErrors(target, fields) {
  for (const key of Object.keys(target)) {
    target[key] = fields && typeof fields[key] === 'string' ? fields[key] : ''
  }
}
