ALTER TABLE "webhook_deliveries" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "heartbeat_at" bigint;