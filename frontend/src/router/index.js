// Routes (a chunk per screen) and the guards: guests only see /login and /register, signed-in users skip them, and a
// screen whose meta.permission the person's role lacks shows the forbidden page instead
import { createRouter, createWebHistory } from 'vue-router'
import { isLoggedIn, session, setIdentity, can } from '../api/session'
import { authApi } from '../api'
import { loadMoreMessages } from '../i18n'
import AppLayout from '../components/AppLayout.vue'

const routes = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true } },
  { path: '/register', name: 'register', component: () => import('../views/RegisterView.vue'), meta: { public: true } },
  { path: '/forgot-password', name: 'forgot-password', component: () => import('../views/ForgotPasswordView.vue'), meta: { public: true } },
  // the links of the e-mails open whoever is signed in on this browser (the link's holder is who acts)
  { path: '/reset-password', name: 'reset-password', component: () => import('../views/ResetPasswordView.vue'), meta: { public: true, anyone: true } },
  { path: '/invite', name: 'invite', component: () => import('../views/InviteAcceptView.vue'), meta: { public: true, anyone: true } },
  // The print views of export slips and receipts: the A4 forms alone, without the app's frame; one, or a list's
  // selection as one document (?ids=1,2,3).
  {
    path: '/export-slips/:id(\\d+)/print',
    name: 'export-slip-print',
    meta: { permission: 'stock.read', moreMessages: true, docKind: 'slip' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/export-slips/print',
    name: 'export-slips-print',
    meta: { permission: 'stock.read', moreMessages: true, docKind: 'slip' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/stock-receipts/:id(\\d+)/print',
    name: 'stock-receipt-print',
    meta: { permission: 'stock.read', moreMessages: true, docKind: 'receipt' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/stock-receipts/print',
    name: 'stock-receipts-print',
    meta: { permission: 'stock.read', moreMessages: true, docKind: 'receipt' },
    component: () => import('../views/StockPrintView.vue'),
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('../views/OverviewView.vue') },
      { path: 'orders', name: 'orders', meta: { permission: 'orders.read' }, component: () => import('../views/OrdersView.vue') },
      {
        path: 'orders/:id(\\d+)',
        name: 'order-detail',
        meta: { permission: 'orders.read', moreMessages: true },
        component: () => import('../views/OrderDetailView.vue'),
      },
      { path: 'products', name: 'products', meta: { permission: 'products.read', moreMessages: true }, component: () => import('../views/ProductsView.vue') },
      { path: 'inventory', name: 'inventory', meta: { permission: 'stock.read', moreMessages: true }, component: () => import('../views/InventoryView.vue') },
      { path: 'export-slips', name: 'export-slips', meta: { permission: 'stock.read', moreMessages: true }, component: () => import('../views/ExportSlipsView.vue') },
      { path: 'after-sales', name: 'after-sales', meta: { permission: 'orders.read', moreMessages: true }, component: () => import('../views/AfterSalesView.vue') },
      { path: 'stock-receipts', name: 'stock-receipts', meta: { permission: 'stock.read', moreMessages: true }, component: () => import('../views/StockReceiptsView.vue') },
      {
        path: 'stock-receipts/:id(\\d+)',
        name: 'stock-receipt-detail',
        meta: { permission: 'stock.read', moreMessages: true },
        component: () => import('../views/StockReceiptDetailView.vue'),
      },
      {
        path: 'export-slips/:id(\\d+)',
        name: 'export-slip-detail',
        meta: { permission: 'stock.read', moreMessages: true },
        component: () => import('../views/ExportSlipDetailView.vue'),
      },
      { path: 'settings', name: 'settings', meta: { moreMessages: true }, component: () => import('../views/SettingsView.vue') },
      {
        path: 'settings/ecommerce',
        name: 'settings-ecommerce',
        meta: { permission: 'connections.read', moreMessages: true },
        component: () => import('../views/EcommerceSyncView.vue'),
      },
      {
        path: 'settings/staff',
        name: 'settings-staff',
        meta: { permission: 'staff.manage', moreMessages: true },
        component: () => import('../views/StaffView.vue'),
      },
      {
        path: 'settings/audit-log',
        name: 'settings-audit-log',
        meta: { permission: 'settings.read', moreMessages: true },
        component: () => import('../views/AuditLogView.vue'),
      },
      {
        path: 'settings/api-tokens',
        name: 'settings-api-tokens',
        meta: { permission: 'api_tokens.manage', moreMessages: true },
        component: () => import('../views/ApiTokensView.vue'),
      },
      { path: 'forbidden', name: 'forbidden', component: () => import('../views/ForbiddenView.vue') },
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

router.beforeEach(async (to) => {
  const loggedIn = isLoggedIn()
  if (to.meta.public) {
    return loggedIn && !to.meta.anyone ? { name: 'home' } : true
  }
  if (!loggedIn) {
    return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } }
  }
  if (to.meta.permission) {
    // who is signed in (role, permissions), once per page load; a 401 here sends to /login by itself
    if (!session.user) await authApi.me().then(setIdentity, () => {})
    if (!isLoggedIn()) return { name: 'login' }
    if (!can(to.meta.permission)) return { name: 'forbidden', query: { permission: to.meta.permission } }
  }
  return true
})

// Screens past the orders list and the overview wait for their messages (one chunk, fetched once); when it cannot be
// fetched the screen still opens, and the router's next visit tries again.
router.beforeResolve(async (to) => {
  if (to.meta.moreMessages) await loadMoreMessages().catch(() => {})
})

export default router
