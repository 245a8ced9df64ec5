ALTER TABLE "calendar_busy_blocks" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_connections" ADD COLUMN "blocks_whole_practice" boolean DEFAULT false NOT NULL;