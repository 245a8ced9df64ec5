CREATE TABLE "lago_customer_provider_errors" (
	"customer_external_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"message" text,
	"error_code" text,
	"failed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lago_customer_provider_errors" ADD CONSTRAINT "lago_customer_provider_errors_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_invoices_customer_idx" ON "appointment_invoices" USING btree ("lago_customer_external_id");