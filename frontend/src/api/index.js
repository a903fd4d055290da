// One function per REST endpoint the SPA uses (paths are relative to /api/v1)
import { request } from './request'

export { ApiError } from './request'

export const authApi = {
  register: (payload) => request('POST', '/auth/register', payload, { auth: false }),
  login: (payload) => request('POST', '/auth/login', payload, { auth: false }),
  me: () => request('GET', '/auth/me'),
}

export const apiTokensApi = {
  list: ({ page = 1, perPage = 50 } = {}) => request('GET', `/api-tokens?page=${page}&per_page=${perPage}`),
  create: (payload) => request('POST', '/api-tokens', payload),
  revoke: (id) => request('DELETE', `/api-tokens/${encodeURIComponent(id)}`),
}

// Marketplace connections (Settings → E-commerce sync). `options` passes through to request() ({silent}).
export const connectionsApi = {
  list: ({ page = 1, perPage = 20 } = {}, options) =>
    request('GET', `/connections?page=${page}&per_page=${perPage}`, undefined, options),
  authorizeTiktok: (region) => request('POST', '/connections/tiktok/authorize', { region }),
  remove: (id) => request('DELETE', `/connections/${encodeURIComponent(id)}`),
}
