CREATE TABLE "jira_connections" (
	"workshop_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"email" text,
	"sealed_secret" text NOT NULL,
	"account_id" text,
	"account_name" text,
	"server_version" text,
	"deployment_type" text,
	"field_id" text,
	"field_name" text,
	"board_id" bigint,
	"via_board" integer DEFAULT 0 NOT NULL,
	"connected_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"delivery_id" text NOT NULL,
	"at" bigint NOT NULL,
	"status" integer,
	"code" text,
	"error" text,
	"ms" integer NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "webhook_attempts_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"workshop_id" text NOT NULL,
	"event" text NOT NULL,
	"created_at" bigint NOT NULL,
	"status" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"workshop_id" text PRIMARY KEY NOT NULL,
	"sealed_url" text NOT NULL,
	"url_hint" text NOT NULL,
	"sealed_secret" text NOT NULL,
	"format" text NOT NULL,
	"language" text NOT NULL,
	"events" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "writeback_results" (
	"run_id" text NOT NULL,
	"item_id" text NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"before" double precision,
	"after" double precision,
	"error_code" text,
	"error_message" text,
	"jira_messages" text,
	"attempts" integer NOT NULL,
	"at" bigint NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "writeback_results_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "writeback_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"workshop_id" text NOT NULL,
	"session_id" text NOT NULL,
	"field_id" text NOT NULL,
	"field_name" text NOT NULL,
	"via" text NOT NULL,
	"mode" text NOT NULL,
	"started_at" bigint NOT NULL,
	"finished_at" bigint,
	"interrupted" integer DEFAULT 0 NOT NULL,
	"retry_of" text,
	"heartbeat_at" bigint NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "writeback_runs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1)
);
--> statement-breakpoint
ALTER TABLE "jira_connections" ADD CONSTRAINT "jira_connections_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writeback_results" ADD CONSTRAINT "writeback_results_run_id_writeback_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."writeback_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writeback_runs" ADD CONSTRAINT "writeback_runs_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writeback_runs" ADD CONSTRAINT "writeback_runs_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery" ON "webhook_attempts" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_workshop" ON "webhook_deliveries" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE INDEX "writeback_results_run" ON "writeback_results" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "writeback_runs_session" ON "writeback_runs" USING btree ("session_id","started_at");--> statement-breakpoint
CREATE INDEX "writeback_runs_workshop" ON "writeback_runs" USING btree ("workshop_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "writeback_runs_one_running" ON "writeback_runs" USING btree ("session_id") WHERE finished_at is null;