CREATE TABLE "broadcast_targets" (
	"broadcast_id" integer NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"is_group" boolean NOT NULL,
	"outbox_id" bigint NOT NULL,
	CONSTRAINT "broadcast_targets_broadcast_id_channel_chat_id_pk" PRIMARY KEY("broadcast_id","channel","chat_id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" serial PRIMARY KEY NOT NULL,
	"organizer_id" integer NOT NULL,
	"station_ids" jsonb NOT NULL,
	"text" text NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "broadcast_targets_outbox" ON "broadcast_targets" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "broadcasts_organizer" ON "broadcasts" USING btree ("organizer_id","created_at");