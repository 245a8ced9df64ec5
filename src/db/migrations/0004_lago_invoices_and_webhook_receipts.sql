CREATE TABLE "appointment_invoices" (
	"appointment_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"state" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"must_reconcile" boolean DEFAULT false NOT NULL,
	"lago_customer_external_id" text NOT NULL,
	"lago_invoice_id" text,
	"invoice_number" text,
	"invoice_status" text,
	"amount_cents" integer,
	"currency" text,
	"payment_status" text,
	"lago_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_invoices_state_valid" CHECK ("appointment_invoices"."state" in ('creating', 'uncertain', 'created'))
);
--> statement-breakpoint
CREATE TABLE "lago_webhook_receipts" (
	"unique_key" text PRIMARY KEY NOT NULL,
	"webhook_type" text NOT NULL,
	"lago_invoice_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointment_invoices" ADD CONSTRAINT "appointment_invoices_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_invoices" ADD CONSTRAINT "appointment_invoices_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_invoices_lago_invoice_uq" ON "appointment_invoices" USING btree ("lago_invoice_id");--> statement-breakpoint
CREATE INDEX "appointment_invoices_tenant_idx" ON "appointment_invoices" USING btree ("tenant_id");