// App bootstrap: vue-i18n, the router, and what a 401 from the API does (Element Plus comes per component)
import { createApp } from 'vue'
// Styles of ElMessage, called from script (template components bring their own; ElMessageBox's come with
// confirmAction.js and the few screens that call it, so no first load carries them).
import 'element-plus/es/components/message/style/css'
import App from './App.vue'
import router from './router'
import { i18n, i18nReady } from './i18n'
import { onUnauthorized } from './api/request'
import './style.css'

onUnauthorized(() => {
  const current = router.currentRoute.value
  if (current.meta.public) return
  router.replace({ name: 'login', query: { redirect: current.fullPath } })
})

// Mounted once the saved language's messages are in (at once for Vietnamese, the bundled default).
i18nReady.then(() => createApp(App).use(i18n).use(router).mount('#app'))
