// Export slip rules the screens share: when an order's detail offers "Bổ sung phiếu xuất".
import { orderStatuses } from '../orders/orders'

// Whether the API's status table (GET /order-statuses, loaded by the order detail) says orders in this status may
// get an export slip: the server's own rule, never a copy of it here.
function statusAllowsSlip(code) {
  return orderStatuses.items.some((s) => s.code === code && s.allows_export_slip)
}

// Whether the order has a slip that is not cancelled (an order has at most one).
function hasLiveSlip(order) {
  return (order.export_slips || []).some((s) => s.status !== 'cancelled')
}

// The button shows when the API says a slip can be made now (can_create_export_slip). It also shows when the API
// says no although the order's status allows a slip and it has no live slip: what is left to refuse is the order's
// items (some not linked to a product yet, or none), which the dialog explains, offering "Đồng bộ sản phẩm".
export function canAddSlip(order) {
  if (!order) return false
  if (order.can_create_export_slip) return true
  return statusAllowsSlip(order.status) && !hasLiveSlip(order)
}
