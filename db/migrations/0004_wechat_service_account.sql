CREATE TABLE "platform_tokens" (
	"key" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reply_windows" (
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"last_inbound_at" timestamp with time zone NOT NULL,
	"sent_since_inbound" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reply_windows_channel_chat_id_pk" PRIMARY KEY("channel","chat_id")
);
--> statement-breakpoint
CREATE TABLE "private_offers" (
	"request_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"level" integer NOT NULL,
	"outbox_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "private_offers_request_id_person_id_pk" PRIMARY KEY("request_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "channel_identities" ADD COLUMN "union_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sent_via" text;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "task_alerts" text DEFAULT 'on' NOT NULL;--> statement-breakpoint
CREATE INDEX "private_offers_person" ON "private_offers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "channel_identities_union" ON "channel_identities" USING btree ("union_id") WHERE "channel_identities"."union_id" is not null;