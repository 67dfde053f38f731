CREATE TABLE `plan_settings` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `session_references` (
	`session_id` text NOT NULL,
	`item_id` text NOT NULL,
	`story_points` real NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_references_pk` ON `session_references` (`session_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `share_links` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_links_token` ON `share_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `share_links_workshop` ON `share_links` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `sprints` (
	`workshop_id` text NOT NULL,
	`sprint_index` integer NOT NULL,
	`done_ap` real NOT NULL,
	`done_item_ids` text DEFAULT '[]' NOT NULL,
	`cost_minor` integer,
	`scope_added_ap` real DEFAULT 0 NOT NULL,
	`scope_removed_ap` real DEFAULT 0 NOT NULL,
	`added_item_ids` text DEFAULT '[]' NOT NULL,
	`dropped_item_ids` text DEFAULT '[]' NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sprints_workshop_index` ON `sprints` (`workshop_id`,`sprint_index`);