CREATE TABLE "announcements" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"level" integer NOT NULL,
	"card_outbox_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_groups" (
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"station_id" integer NOT NULL,
	"skill" text,
	"bound_by" integer NOT NULL,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_groups_channel_chat_id_pk" PRIMARY KEY("channel","chat_id")
);
--> statement-breakpoint
CREATE TABLE "organizers" (
	"person_id" integer NOT NULL,
	"station_id" integer NOT NULL,
	"granted_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizers_person_id_station_id_pk" PRIMARY KEY("person_id","station_id")
);
--> statement-breakpoint
CREATE TABLE "reveals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unbound_group_notices" (
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unbound_group_notices_channel_chat_id_pk" PRIMARY KEY("channel","chat_id")
);
--> statement-breakpoint
CREATE TABLE "visit_reports" (
	"request_id" integer PRIMARY KEY NOT NULL,
	"volunteer_id" integer NOT NULL,
	"hours" real NOT NULL,
	"note" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"party_member" boolean NOT NULL,
	"skills" jsonb NOT NULL,
	"station_id" integer NOT NULL,
	"availability" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"suspended_until" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "chat_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "volunteer_id" integer;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "escalation_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "opened_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "announcements_once" ON "announcements" USING btree ("request_id","channel","chat_id");--> statement-breakpoint
CREATE INDEX "chat_groups_station" ON "chat_groups" USING btree ("station_id");--> statement-breakpoint
CREATE INDEX "volunteers_station" ON "volunteers" USING btree ("station_id","status");