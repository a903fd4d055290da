// Export slip rules the screens share: when an order's detail offers "Bổ sung phiếu xuất".

// The order statuses an export slip may be made in. The server owns this rule (slip_order_statuses in the backend)
// and applies it in each order's can_create_export_slip, but lists the statuses only in a refused slip's 409
// (details.allowed_statuses); this is the SPA's one copy until GET /order-statuses says which statuses allow a slip.
const SLIP_ORDER_STATUSES = ['processing', 'packing', 'shipping', 'delivered', 'completed']

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
  return SLIP_ORDER_STATUSES.includes(order.status) && !hasLiveSlip(order)
}
