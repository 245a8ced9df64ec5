-- One practitioner cannot be in two places at once: the database refuses two pending or
-- confirmed appointments of the same assignee whose [start, end) ranges overlap, whatever
-- code path wrote them. btree_gist lets a GiST exclusion constraint compare the text id with =.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_assignee_no_overlap"
  EXCLUDE USING gist ("assigned_admin_id" WITH =, tstzrange("start_time", "end_time", '[)') WITH &&)
  WHERE ("status" IN ('pending', 'confirmed') AND "assigned_admin_id" IS NOT NULL);
