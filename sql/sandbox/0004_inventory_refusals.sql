-- A SKU whose inventory updates the sandbox refuses (PUT /sandbox/shops/{shop_id}/skus/{sku_id}): the message comes
-- back in data.errors[] of a successful answer, as TikTok does for a SKU it will not update.
ALTER TABLE skus ADD COLUMN inventory_refusal VARCHAR(200) NULL;
