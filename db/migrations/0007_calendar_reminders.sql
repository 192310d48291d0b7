CREATE TABLE "calendar_deliveries" (
	"reminder_key" text NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_deliveries_reminder_key_channel_chat_id_pk" PRIMARY KEY("reminder_key","channel","chat_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_reminders" (
	"key" text PRIMARY KEY NOT NULL,
	"occurrence_date" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"targets" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
