ALTER TABLE "stamps" DROP CONSTRAINT "stamps_delivery_status_check";--> statement-breakpoint
ALTER TABLE "stamps" DROP COLUMN "delivery_status";--> statement-breakpoint
ALTER TABLE "stamps" DROP COLUMN "delivered_at";