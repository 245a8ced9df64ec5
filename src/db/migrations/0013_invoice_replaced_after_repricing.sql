CREATE TABLE "retired_invoices" (
	"lago_invoice_id" text PRIMARY KEY NOT NULL,
	"appointment_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"invoice_number" text,
	"retired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointment_invoices" ADD COLUMN "fees_amount_cents" integer;--> statement-breakpoint
ALTER TABLE "retired_invoices" ADD CONSTRAINT "retired_invoices_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retired_invoices" ADD CONSTRAINT "retired_invoices_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;