-- Settled deliveries are deleted once older than WEBHOOK_DELIVERY_RETENTION (WebhookDeliveryPurge): found by age
-- among the settled ones only, without reading the pending ones the workers take
CREATE INDEX webhook_deliveries_settled ON webhook_deliveries (created_at) WHERE status <> 'pending';
