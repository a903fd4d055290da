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
