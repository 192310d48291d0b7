-- Each day's numbering goes on where the old counter stopped: with the sequence starting at 1, a day's
-- next ticket is 1 - base + 1 = last + 1.
INSERT INTO "ticket_days" ("day", "base") SELECT "day", 1 - "last" FROM "ticket_counters";
--> statement-breakpoint
DROP TABLE "ticket_counters" CASCADE;
