CREATE TABLE `jira_connections` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`email` text,
	`sealed_secret` text NOT NULL,
	`account_id` text,
	`account_name` text,
	`server_version` text,
	`deployment_type` text,
	`field_id` text,
	`field_name` text,
	`board_id` integer,
	`via_board` integer DEFAULT 0 NOT NULL,
	`connected_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`delivery_id` text NOT NULL,
	`at` integer NOT NULL,
	`status` integer,
	`code` text,
	`error` text,
	`ms` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_delivery` ON `webhook_attempts` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`event` text NOT NULL,
	`created_at` integer NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_workshop` ON `webhook_deliveries` (`workshop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`sealed_url` text NOT NULL,
	`url_hint` text NOT NULL,
	`sealed_secret` text NOT NULL,
	`format` text NOT NULL,
	`language` text NOT NULL,
	`events` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `writeback_results` (
	`run_id` text NOT NULL,
	`item_id` text NOT NULL,
	`key` text NOT NULL,
	`status` text NOT NULL,
	`before` real,
	`after` real,
	`error_code` text,
	`error_message` text,
	`jira_messages` text,
	`attempts` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `writeback_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `writeback_results_run` ON `writeback_results` (`run_id`);--> statement-breakpoint
CREATE TABLE `writeback_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`session_id` text NOT NULL,
	`field_id` text NOT NULL,
	`field_name` text NOT NULL,
	`via` text NOT NULL,
	`mode` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`interrupted` integer DEFAULT 0 NOT NULL,
	`retry_of` text,
	`heartbeat_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `writeback_runs_session` ON `writeback_runs` (`session_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `writeback_runs_workshop` ON `writeback_runs` (`workshop_id`,`started_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `writeback_runs_one_running` ON `writeback_runs` (`session_id`) WHERE finished_at is null;