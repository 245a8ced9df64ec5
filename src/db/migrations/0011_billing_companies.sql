CREATE TABLE "billing_companies" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"legal_name" text NOT NULL,
	"tax_id" text,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"zipcode" text,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_companies_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "billing_companies" ADD CONSTRAINT "billing_companies_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_companies" ADD CONSTRAINT "billing_companies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_companies_user_idx" ON "billing_companies" USING btree ("user_id");