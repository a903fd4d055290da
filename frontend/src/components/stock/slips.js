// Export slip rules the screens share: which order statuses may get a slip, and whether an order has a live one.
export const SLIP_ORDER_STATUSES = ['processing', 'packing', 'shipping', 'delivered', 'completed']

// The "Bổ sung phiếu xuất" button shows for an order in an allowed status without a slip that is not cancelled.
export function canAddSlip(order) {
  if (!order || !SLIP_ORDER_STATUSES.includes(order.status)) return false
  return !(order.export_slips || []).some((s) => s.status !== 'cancelled')
}
