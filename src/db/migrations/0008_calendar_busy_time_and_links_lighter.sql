ALTER TABLE "calendar_busy_blocks" DROP CONSTRAINT "calendar_busy_blocks_tenant_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "calendar_busy_blocks" DROP CONSTRAINT "calendar_busy_blocks_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "calendar_event_links" DROP CONSTRAINT "calendar_event_links_tenant_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "calendar_busy_blocks" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "calendar_busy_blocks_external_uq";--> statement-breakpoint
ALTER TABLE "calendar_busy_blocks" ADD CONSTRAINT "calendar_busy_blocks_connection_id_external_event_id_pk" PRIMARY KEY("connection_id","external_event_id");
