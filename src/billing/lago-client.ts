import { Client, type CountryOrNull } from 'lago-javascript-client';
import { z } from 'zod';
import type { lagoPaymentProviders } from '../config/env.ts';
import { LagoFailure, toLagoFailure } from './lago-failure.ts';

/**
 * The only code that knows Lago's URLs and payloads (PROVIDERS.md C). It speaks through the
 * official `lago-javascript-client` pointed at LAGO_API_URL, bounds every call with a timeout,
 * reads answers through zod schemas and maps them to our own types; every failure becomes a
 * LagoFailure saying whether Lago may have acted on the request.
 */

/** An invoice as the product needs it. Amounts in cents. */
export interface LagoInvoice {
  lagoId: string;
  number: string;
  /** draft | finalized | voided | failed | pending */
  status: string;
  /** pending | succeeded | failed */
  paymentStatus: string;
  amountCents: number;
  /** The amount before taxes: what the invoice's lines bill. Null where Lago's body lacks it. */
  feesAmountCents: number | null;
  currency: string;
  issuingDate: string;
  updatedAt: Date;
}

export interface LagoCustomerInput {
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  /**
   * The company the client's invoices are made out to; null for a private person. Left out for
   * people booked by phone, who have no company page: what Lago holds of them is not ours to clear.
   */
  company?: LagoCompany | null;
}

/** A customer's company, as Lago's customer fields hold it (`customer_type` company). */
export interface LagoCompany {
  legalName: string;
  taxIdentificationNumber: string | null;
  addressLine1: string;
  addressLine2: string | null;
  zipcode: string | null;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** A customer as Lago holds it, for deciding whether to send it again (`customerAtProvider`). */
export interface LagoCustomerAtProvider {
  /** Lago is set to create it at our payment provider (our provider and code, `sync_with_provider`). */
  isSyncing: boolean;
  /** The customer's id at the provider, once Lago has created it there. */
  providerCustomerId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** Null unless Lago has the customer as a company. */
  company: LagoCompany | null;
}

export interface OneOffInvoiceInput {
  externalCustomerId: string;
  currency: string;
  addOnCode: string;
  amountCents: number;
  /** The line's label on the invoice. */
  displayName: string;
  /** The line's description; carries the reference that finds the invoice again. */
  description: string;
}

/** The invoice fields we rely on, from lago-openapi InvoiceObject. */
export const lagoInvoiceSchema = z.object({
  lago_id: z.string().min(1),
  number: z.string(),
  status: z.string(),
  payment_status: z.string(),
  currency: z.string(),
  total_amount_cents: z.number().int(),
  fees_amount_cents: z.number().int().nullish(),
  issuing_date: z.string(),
  updated_at: z.iso.datetime({ offset: true }),
  fees: z.array(z.object({ description: z.string().nullish() })).optional(),
});
type LagoInvoiceBody = z.infer<typeof lagoInvoiceSchema>;

export function toLagoInvoice(body: LagoInvoiceBody): LagoInvoice {
  return {
    lagoId: body.lago_id,
    number: body.number,
    status: body.status,
    paymentStatus: body.payment_status,
    amountCents: body.total_amount_cents,
    feesAmountCents: body.fees_amount_cents ?? null,
    currency: body.currency,
    issuingDate: body.issuing_date,
    updatedAt: new Date(body.updated_at),
  };
}

const invoiceAnswer = z.object({ invoice: lagoInvoiceSchema });
const invoiceList = z.object({
  invoices: z.array(lagoInvoiceSchema),
  meta: z.object({ next_page: z.number().int().nullable() }),
});

/** Per-call bound: a hung Lago must not hold a pay request (and its claim) for long. */
export const DEFAULT_LAGO_TIMEOUT_MS = 10_000;
/** At most this many pages are read when looking an invoice up (100 invoices each). */
const MAX_LOOKUP_PAGES = 5;

/** The payment provider customers are linked to in Lago: its type, and its connection's code. */
export interface LagoPaymentProvider {
  type: (typeof lagoPaymentProviders)[number];
  code?: string;
}

export interface LagoClientOptions {
  apiUrl: string;
  apiKey: string;
  timeoutMs?: number;
  /** When set, customers are created at this provider by Lago, so their invoices can be paid online. */
  paymentProvider?: LagoPaymentProvider;
}

/**
 * Lago's refusals of a payment URL that mean "no online payment for this invoice, now" rather
 * than a fault (Invoices::Payments::GeneratePaymentUrlService): the customer has no provider, or
 * one without a checkout (GoCardless), or not yet a customer at the provider; the invoice is paid;
 * Lago is attempting a payment of it itself.
 */
const NO_CHECKOUT = new Set([
  'no_linked_payment_provider',
  'invalid_payment_provider',
  'missing_payment_provider',
  'missing_payment_provider_customer',
  'invalid_invoice_status_or_payment_status',
  'payment_processor_is_currently_handling_payment',
]);

const paymentUrlAnswer = z.object({
  // A web page only: the browser is sent there, so never a `javascript:` or other scheme.
  invoice_payment_details: z.object({ payment_url: z.url({ protocol: /^https?$/ }) }),
});

const customerBillingAnswer = z.object({
  customer: z.object({
    name: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    customer_type: z.string().nullish(),
    legal_name: z.string().nullish(),
    tax_identification_number: z.string().nullish(),
    address_line1: z.string().nullish(),
    address_line2: z.string().nullish(),
    zipcode: z.string().nullish(),
    city: z.string().nullish(),
    country: z.string().nullish(),
    billing_configuration: z
      .object({
        payment_provider: z.string().nullish(),
        payment_provider_code: z.string().nullish(),
        sync_with_provider: z.boolean().nullish(),
        provider_customer_id: z.string().nullish(),
      })
      .nullish(),
  }),
});

/**
 * Lago's customer fields of a company; for a private person `customer_type` individual and the
 * company's fields emptied, so that a company the client removed leaves their next invoices.
 * (The billing address is the company's: we keep none for a private person.)
 */
function companyFields(company: LagoCompany | null | undefined) {
  if (company === undefined) return {};
  return {
    customer_type: company ? ('company' as const) : ('individual' as const),
    legal_name: company?.legalName ?? null,
    tax_identification_number: company?.taxIdentificationNumber ?? null,
    address_line1: company?.addressLine1 ?? null,
    address_line2: company?.addressLine2 ?? null,
    zipcode: company?.zipcode ?? null,
    city: company?.city ?? null,
    // The client's type says CountryOrNull but leaves null out of it; Lago takes null.
    country: (company?.country ?? null) as CountryOrNull,
  };
}

export class LagoClient {
  private readonly api: ReturnType<typeof Client>;
  private readonly paymentProvider: LagoPaymentProvider | undefined;
  /** Add-on codes known to exist in Lago: created once, never deleted by us. */
  private readonly knownAddOns = new Set<string>();

  constructor(options: LagoClientOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_LAGO_TIMEOUT_MS;
    this.paymentProvider = options.paymentProvider;
    this.api = Client(options.apiKey, {
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      customFetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    });
  }

  /**
   * `POST /customers`: creates or updates by external_id; only what we send is changed. With
   * `linkToProvider` (and LAGO_PAYMENT_PROVIDER set) the customer is linked to the provider with
   * `sync_with_provider`: for a customer not yet at the provider, Lago then queues a job that
   * creates it there — every such upsert queues one more (see `customerAtProvider`).
   */
  async upsertCustomer(
    input: LagoCustomerInput,
    { linkToProvider }: { linkToProvider: boolean },
  ): Promise<void> {
    const link = linkToProvider && this.paymentProvider !== undefined;
    await this.call('customer upsert', () =>
      this.api.customers.createCustomer({
        customer: {
          external_id: input.externalId,
          name: input.name,
          ...(input.email ? { email: input.email } : {}),
          ...(input.phone ? { phone: input.phone } : {}),
          ...companyFields(input.company),
          ...(link ? { billing_configuration: this.billingConfiguration() } : {}),
        },
      }),
    );
  }

  /** Links the customer to the provider; `sync_with_provider` has Lago create it there too. */
  private billingConfiguration() {
    const provider = this.paymentProvider!;
    return {
      payment_provider: provider.type,
      ...(provider.code ? { payment_provider_code: provider.code } : {}),
      sync_with_provider: true,
    };
  }

  /**
   * The customer as Lago has it, or null when Lago has none by that id: whether it is set to be
   * created at our payment provider (our provider and code, `sync_with_provider`), the provider's
   * id once created, and the details Lago holds, which are what the provider was given.
   */
  async customerAtProvider(externalId: string): Promise<LagoCustomerAtProvider | null> {
    const provider = this.paymentProvider;
    let data: unknown;
    try {
      data = await this.call('customer lookup', () => this.api.customers.findCustomer(externalId));
    } catch (error) {
      if (error instanceof LagoFailure && error.kind === 'not_found') return null;
      throw error;
    }
    const { billing_configuration: billing, ...details } = this.read(
      customerBillingAnswer,
      data,
      'customer lookup',
    ).customer;
    return {
      isSyncing:
        provider !== undefined &&
        billing?.payment_provider === provider.type &&
        (!provider.code || billing.payment_provider_code === provider.code) &&
        billing.sync_with_provider === true,
      providerCustomerId: billing?.provider_customer_id ?? null,
      name: details.name ?? null,
      email: details.email ?? null,
      phone: details.phone ?? null,
      company:
        details.customer_type === 'company'
          ? {
              legalName: details.legal_name ?? '',
              taxIdentificationNumber: details.tax_identification_number ?? null,
              addressLine1: details.address_line1 ?? '',
              addressLine2: details.address_line2 ?? null,
              zipcode: details.zipcode ?? null,
              city: details.city ?? '',
              country: details.country ?? '',
            }
          : null,
    };
  }

  /** Whether customers are linked to a payment provider by this client (LAGO_PAYMENT_PROVIDER). */
  get linksCustomers(): boolean {
    return this.paymentProvider !== undefined;
  }

  /**
   * `POST /invoices/:lago_id/payment_url`: the checkout link of the customer's payment provider
   * for this invoice, or Lago's reason why the invoice cannot be paid online (`NO_CHECKOUT`).
   */
  async invoicePaymentUrl(lagoId: string): Promise<{ url: string } | { refusal: string }> {
    try {
      const data = await this.call('payment URL', () => this.api.invoices.invoicePaymentUrl(lagoId));
      return { url: this.read(paymentUrlAnswer, data, 'payment URL').invoice_payment_details.payment_url };
    } catch (error) {
      const refusal =
        error instanceof LagoFailure && error.kind === 'rejected'
          ? error.details?.base?.find((code) => NO_CHECKOUT.has(code))
          : undefined;
      if (refusal) return { refusal };
      throw error;
    }
  }

  /**
   * Makes sure the add-on a one-off invoice bills exists: one per practice, priced 0 (each fee
   * carries its own amount). A concurrent creation answered `value_already_exist` is success.
   */
  async ensureAddOn(addOn: { code: string; name: string; currency: string }): Promise<void> {
    if (this.knownAddOns.has(addOn.code)) return;
    try {
      await this.call('add-on lookup', () => this.api.addOns.findAddOn(addOn.code));
    } catch (error) {
      if (!(error instanceof LagoFailure && error.kind === 'not_found')) throw error;
      try {
        await this.call('add-on creation', () =>
          this.api.addOns.createAddOn({
            add_on: {
              code: addOn.code,
              name: addOn.name,
              amount_cents: 0,
              amount_currency: addOn.currency as 'EUR',
            },
          }),
        );
      } catch (creation) {
        const exists =
          creation instanceof LagoFailure && creation.details?.code?.includes('value_already_exist');
        if (!exists) throw creation;
      }
    }
    this.knownAddOns.add(addOn.code);
  }

  /** After Lago said the add-on does not exist (deleted there): check it again next time. */
  forgetAddOn(code: string): void {
    this.knownAddOns.delete(code);
  }

  /** `POST /invoices`: a finalized one-off invoice of one add-on fee. */
  async createOneOffInvoice(input: OneOffInvoiceInput): Promise<LagoInvoice> {
    const data = await this.call('invoice creation', () =>
      this.api.invoices.createInvoice({
        invoice: {
          external_customer_id: input.externalCustomerId,
          currency: input.currency as 'EUR',
          fees: [
            {
              add_on_code: input.addOnCode,
              unit_amount_cents: input.amountCents,
              units: 1,
              invoice_display_name: input.displayName,
              description: input.description,
            },
          ],
        },
      }),
    );
    return toLagoInvoice(this.read(invoiceAnswer, data, 'invoice creation').invoice);
  }

  /**
   * `PUT /invoices/:lago_id` `{payment_status}`: Lago's way to record a payment made outside it
   * (`succeeded`), or to reopen the invoice (`pending`). Lago then sends
   * `invoice.payment_status_updated` when the status changed.
   */
  async setInvoicePaymentStatus(lagoId: string, status: 'pending' | 'succeeded'): Promise<LagoInvoice> {
    const data = await this.call('invoice payment status', () =>
      this.api.invoices.updateInvoice(lagoId, { invoice: { payment_status: status } }),
    );
    return toLagoInvoice(this.read(invoiceAnswer, data, 'invoice payment status').invoice);
  }

  /**
   * `POST /invoices/:lago_id/void`: a finalized invoice not paid (payment pending or failed)
   * becomes `voided`, and Lago sends `invoice.voided`. Lago refuses any other with 405
   * `not_voidable` (a LagoFailure with that code).
   */
  async voidInvoice(lagoId: string): Promise<LagoInvoice> {
    const data = await this.call('invoice void', () => this.api.invoices.voidInvoice(lagoId));
    return toLagoInvoice(this.read(invoiceAnswer, data, 'invoice void').invoice);
  }

  /** `GET /invoices/:lago_id`. */
  async getInvoice(lagoId: string): Promise<LagoInvoice> {
    const data = await this.call('invoice lookup', () => this.api.invoices.findInvoice(lagoId));
    return toLagoInvoice(this.read(invoiceAnswer, data, 'invoice lookup').invoice);
  }

  /**
   * Finds the one-off invoice of a customer, issued on or after `issuedFrom` (YYYY-MM-DD), one
   * of whose fees' description contains `reference`, and that is not voided (one voided since
   * was replaced by a newer invoice). The list omits fees, so each candidate is read in full.
   * Null when there is none.
   */
  async findOneOffInvoice(
    externalCustomerId: string,
    issuedFrom: string,
    reference: string,
  ): Promise<LagoInvoice | null> {
    for (let page = 1; page <= MAX_LOOKUP_PAGES; page++) {
      const data = await this.call('invoice list', () =>
        this.api.invoices.findAllInvoices({
          external_customer_id: externalCustomerId,
          invoice_type: 'one_off',
          issuing_date_from: issuedFrom,
          page,
          per_page: 100,
        }),
      );
      const list = this.read(invoiceList, data, 'invoice list');
      for (const candidate of list.invoices) {
        if (candidate.status === 'voided') continue;
        const full = await this.call('invoice lookup', () =>
          this.api.invoices.findInvoice(candidate.lago_id),
        );
        const invoice = this.read(invoiceAnswer, full, 'invoice lookup').invoice;
        if (invoice.fees?.some((fee) => fee.description?.includes(reference))) return toLagoInvoice(invoice);
      }
      if (list.meta.next_page === null) return null;
    }
    return null;
  }

  /**
   * The RSA public key that verifies JWT-signed webhooks, as PEM. `GET /webhooks/public_key`
   * answers the PEM Base64-encoded, with Ruby's line breaks every 60 characters.
   */
  async fetchWebhookPublicKey(): Promise<string> {
    const data = await this.call('webhook public key', () => this.api.webhooks.fetchPublicKey());
    if (typeof data !== 'string' || data.trim() === '') {
      throw new LagoFailure('server', 'Lago webhook public key: empty answer');
    }
    return Buffer.from(data.replace(/\s+/g, ''), 'base64').toString('utf8');
  }

  private async call<T>(operation: string, run: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await run()).data;
    } catch (error) {
      throw toLagoFailure(error, operation);
    }
  }

  /** An answer that does not have the shape Lago documents is Lago misbehaving: a server failure. */
  private read<S extends z.ZodType>(schema: S, data: unknown, operation: string): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new LagoFailure(
        'server',
        `Lago ${operation}: unexpected answer (${z.prettifyError(parsed.error)})`,
      );
    }
    return parsed.data;
  }
}
