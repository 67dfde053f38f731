ALTER TABLE `webhook_deliveries` ADD `body` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `heartbeat_at` integer;