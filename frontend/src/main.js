// App bootstrap: Element Plus, vue-i18n, the router, and what a 401 from the API does
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router'
import { i18n } from './i18n'
import { onUnauthorized } from './api/request'
import './style.css'

onUnauthorized(() => {
  const current = router.currentRoute.value
  if (current.meta.public) return
  router.replace({ name: 'login', query: { redirect: current.fullPath } })
})

createApp(App).use(i18n).use(ElementPlus).use(router).mount('#app')
