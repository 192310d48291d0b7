-- Rows written due (not claimed by the process that wrote them) wake every instance's delivery when the
-- writing transaction commits: NOTIFY "outbox" with `channel:chat` for conversation rows (a process
-- sending to that chat then looks again when it is done), with the channel alone for bulk rows.
CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', r."channel" || ':' || r."chat_id")
    FROM (SELECT DISTINCT "channel", "chat_id" FROM new_rows WHERE "claimed_by" IS NULL AND "priority" = 0) r;
  PERFORM pg_notify('outbox', r."channel") FROM (SELECT DISTINCT "channel" FROM new_rows WHERE "claimed_by" IS NULL AND "priority" <> 0) r;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();
