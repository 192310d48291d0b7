CREATE TABLE "request_quotas" (
	"resident_id" integer NOT NULL,
	"day" text NOT NULL,
	"created" integer NOT NULL,
	CONSTRAINT "request_quotas_resident_id_day_pk" PRIMARY KEY("resident_id","day")
);
--> statement-breakpoint
ALTER TABLE "request_quotas" ADD CONSTRAINT "request_quotas_resident_id_people_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;