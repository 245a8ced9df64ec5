import { randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../shared/clock.ts';
import type { SignatureAlgo } from './signing.ts';

/** In-memory records of one emulated Lago organization. Shapes are rendered by serializers.ts. */

export interface Organization {
  id: string;
  name: string;
  billingEntityCode: string;
}

export interface MetadataRecord {
  lago_id: string;
  key: string;
  value: string;
  display_in_invoice: boolean;
}

export interface CustomerRecord {
  lagoId: string;
  externalId: string;
  /** Per-organization counter; part of invoice numbers (`LAG-1234-<customer>-<invoice>`). */
  sequentialId: number;
  createdAt: string;
  updatedAt: string;
  /** Scalar attributes under their Lago names (name, email, currency, timezone, ...). */
  fields: Record<string, string | number | boolean | null>;
  billingConfiguration: Record<string, unknown>;
  /**
   * The customer Lago is creating at the payment provider (a background job in Lago): its id
   * becomes the billing configuration's `provider_customer_id` once the emulator clock reaches
   * `dueAt`. Null when no creation is under way.
   */
  providerCustomerInCreation: { id: string; dueAt: number } | null;
  shippingAddress: Record<string, string | null>;
  metadata: MetadataRecord[];
}

/** A payment provider's error as Lago passes it on in `provider_error`. */
export interface ProviderCustomerError {
  message: string;
  error_code: string | null;
}

export interface AddOnRecord {
  lagoId: string;
  code: string;
  name: string;
  invoiceDisplayName: string | null;
  amountCents: number;
  amountCurrency: string;
  description: string | null;
  createdAt: string;
}

export type PaymentStatus = 'pending' | 'succeeded' | 'failed';

export interface FeeRecord {
  lagoId: string;
  addOn: AddOnRecord;
  invoiceDisplayName: string | null;
  description: string | null;
  unitAmountCents: number;
  units: number;
  amountCents: number;
  paymentStatus: PaymentStatus;
  createdAt: string;
  succeededAt: string | null;
  failedAt: string | null;
}

export interface InvoiceRecord {
  lagoId: string;
  /** Per-customer counter (Lago's default `per_customer` document numbering). */
  sequentialId: number;
  number: string;
  customerLagoId: string;
  issuingDate: string;
  currency: string;
  status: 'finalized' | 'voided';
  paymentStatus: PaymentStatus;
  fees: FeeRecord[];
  feesAmountCents: number;
  totalPaidAmountCents: number;
  createdAt: string;
  updatedAt: string;
  voidedAt: string | null;
}

export interface WebhookEndpointRecord {
  lagoId: string;
  url: string;
  signatureAlgo: SignatureAlgo;
  name: string | null;
  /** null means every event type, as in Lago. */
  eventTypes: string[] | null;
  createdAt: string;
}

/** Lago renders timestamps as ISO 8601 without milliseconds: `2022-04-29T08:59:51Z`. */
export function lagoTimestamp(clock: EmulatorClock): string {
  return `${clock.date().toISOString().slice(0, 19)}Z`;
}

export class LagoState {
  readonly organization: Organization = {
    id: randomUUID(),
    name: 'Lago Emulator',
    billingEntityCode: 'lago-emulator',
  };
  customers = new Map<string, CustomerRecord>();
  addOns = new Map<string, AddOnRecord>();
  invoices = new Map<string, InvoiceRecord>();
  webhookEndpoints: WebhookEndpointRecord[] = [];
  /** Requests to the emulated API, by `METHOD /route`. */
  requestCounts: Record<string, number> = {};
  /** How long Lago's job takes to create a customer at the payment provider (0: at once). */
  providerCustomerDelayMs = 0;
  /** Jobs queued to create a customer at the payment provider, by external_id. */
  providerCustomerJobs: Record<string, number> = {};
  /** The provider's error when it refuses to create customers (null: it takes them). */
  providerCustomerError: ProviderCustomerError | null = null;
  private customerSequence = 0;

  constructor(readonly clock: EmulatorClock) {}

  reset(): void {
    this.customers.clear();
    this.addOns.clear();
    this.invoices.clear();
    this.webhookEndpoints = [];
    this.requestCounts = {};
    this.providerCustomerDelayMs = 0;
    this.providerCustomerError = null;
    this.providerCustomerJobs = {};
    this.customerSequence = 0;
  }

  now(): string {
    return lagoTimestamp(this.clock);
  }

  nextCustomerSequentialId(): number {
    this.customerSequence += 1;
    return this.customerSequence;
  }

  customerByLagoId(lagoId: string): CustomerRecord | undefined {
    for (const customer of this.customers.values()) if (customer.lagoId === lagoId) return customer;
    return undefined;
  }

  invoicesOf(customer: CustomerRecord): InvoiceRecord[] {
    return [...this.invoices.values()].filter((invoice) => invoice.customerLagoId === customer.lagoId);
  }

  /** `document_number_prefix`: first 3 letters of the organization name and last 4 of its id. */
  documentNumberPrefix(): string {
    return `${this.organization.name.slice(0, 3).toUpperCase()}-${this.organization.id.slice(-4).toUpperCase()}`;
  }

  countRequest(key: string): void {
    this.requestCounts[key] = (this.requestCounts[key] ?? 0) + 1;
  }
}
