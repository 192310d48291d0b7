CREATE TABLE "station_aliases" (
	"id" serial PRIMARY KEY NOT NULL,
	"station_id" integer NOT NULL,
	"alias" text NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "station_aliases" ADD CONSTRAINT "station_aliases_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_aliases" ADD CONSTRAINT "station_aliases_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "station_aliases_station_alias" ON "station_aliases" USING btree ("station_id","alias");