// The sections of Settings with the permission each needs: the settings home and the menu show only the permitted.
import { Connection, Document, Key, User } from '@element-plus/icons-vue'

export const settingsSections = [
  { name: 'settings-ecommerce', title: 'settings.ecommerce', desc: 'settings.ecommerceDesc', icon: Connection, permission: 'connections.read' },
  { name: 'settings-staff', title: 'settings.staff', desc: 'settings.staffDesc', icon: User, permission: 'staff.manage' },
  { name: 'settings-api-tokens', title: 'settings.apiTokens', desc: 'settings.apiTokensDesc', icon: Key, permission: 'api_tokens.manage' },
  { name: 'settings-audit-log', title: 'settings.auditLog', desc: 'settings.auditLogDesc', icon: Document, permission: 'settings.read' },
]
