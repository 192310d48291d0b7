CREATE TABLE "event_cards" (
	"event_id" integer NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"card_outbox_id" bigint NOT NULL,
	CONSTRAINT "event_cards_event_id_channel_chat_id_pk" PRIMARY KEY("event_id","channel","chat_id")
);
--> statement-breakpoint
CREATE TABLE "event_signups" (
	"event_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"status" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"check_in_how" text,
	"checked_out_at" timestamp with time zone,
	"hours" real,
	CONSTRAINT "event_signups_event_id_person_id_pk" PRIMARY KEY("event_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"station_id" integer NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" text NOT NULL,
	"latitude" real,
	"longitude" real,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cap" integer,
	"signed_up" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_signups_person" ON "event_signups" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "event_signups_event" ON "event_signups" USING btree ("event_id","status","signed_at");--> statement-breakpoint
CREATE INDEX "events_station_start" ON "events" USING btree ("station_id","starts_at");