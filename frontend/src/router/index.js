// Routes (a chunk per screen) and the auth guard: guests only see /login and /register, signed-in users skip them
import { createRouter, createWebHistory } from 'vue-router'
import { isLoggedIn } from '../api/session'
import { loadMoreMessages } from '../i18n'
import AppLayout from '../components/AppLayout.vue'

const routes = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true } },
  { path: '/register', name: 'register', component: () => import('../views/RegisterView.vue'), meta: { public: true } },
  // The print views of export slips and receipts: the A4 forms alone, without the app's frame; one, or a list's
  // selection as one document (?ids=1,2,3).
  {
    path: '/export-slips/:id(\\d+)/print',
    name: 'export-slip-print',
    meta: { moreMessages: true, docKind: 'slip' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/export-slips/print',
    name: 'export-slips-print',
    meta: { moreMessages: true, docKind: 'slip' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/stock-receipts/:id(\\d+)/print',
    name: 'stock-receipt-print',
    meta: { moreMessages: true, docKind: 'receipt' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/stock-receipts/print',
    name: 'stock-receipts-print',
    meta: { moreMessages: true, docKind: 'receipt' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('../views/OverviewView.vue') },
      { path: 'orders', name: 'orders', component: () => import('../views/OrdersView.vue') },
      {
        path: 'orders/:id(\\d+)',
        name: 'order-detail',
        meta: { moreMessages: true },
        component: () => import('../views/OrderDetailView.vue'),
      },
      { path: 'products', name: 'products', meta: { moreMessages: true }, component: () => import('../views/ProductsView.vue') },
      { path: 'inventory', name: 'inventory', meta: { moreMessages: true }, component: () => import('../views/InventoryView.vue') },
      { path: 'export-slips', name: 'export-slips', meta: { moreMessages: true }, component: () => import('../views/ExportSlipsView.vue') },
      { path: 'stock-receipts', name: 'stock-receipts', meta: { moreMessages: true }, component: () => import('../views/StockReceiptsView.vue') },
      {
        path: 'stock-receipts/:id(\\d+)',
        name: 'stock-receipt-detail',
        meta: { moreMessages: true },
        component: () => import('../views/StockReceiptDetailView.vue'),
      },
      {
        path: 'export-slips/:id(\\d+)',
        name: 'export-slip-detail',
        meta: { moreMessages: true },
        component: () => import('../views/ExportSlipDetailView.vue'),
      },
      { path: 'settings', name: 'settings', meta: { moreMessages: true }, component: () => import('../views/SettingsView.vue') },
      {
        path: 'settings/ecommerce',
        name: 'settings-ecommerce',
        meta: { moreMessages: true },
        component: () => import('../views/EcommerceSyncView.vue'),
      },
      {
        path: 'settings/api-tokens',
        name: 'settings-api-tokens',
        meta: { moreMessages: true },
        component: () => import('../views/ApiTokensView.vue'),
      },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue') },
    ],
  },
]

const router = createRouter({
  history: createWebHistory(),
  routes,
})

// Only same-site paths are followed after login (no "//host" or absolute URLs).
export function safeRedirect(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

router.beforeEach((to) => {
  const loggedIn = isLoggedIn()
  if (to.meta.public) {
    return loggedIn ? { name: 'home' } : true
  }
  if (!loggedIn) {
    return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } }
  }
  return true
})

// Screens past the orders list and the overview wait for their messages (one chunk, fetched once); when it cannot be
// fetched the screen still opens, and the router's next visit tries again.
router.beforeResolve(async (to) => {
  if (to.meta.moreMessages) await loadMoreMessages().catch(() => {})
})

export default router
