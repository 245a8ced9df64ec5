import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type BillingContext, createBillingContext } from '../billing/billing-context.ts';
import { type CalendarContext, createCalendarContext } from '../calendar/calendar-context.ts';
import type { RetryOptions } from '../calendar/retry.ts';
import type { AppConfig } from '../config/index.ts';
import { webDistFolder } from '../config/paths.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { autoSyncScheduleProbe, type JobQueue } from '../jobs/job-queue.ts';
import { autoSyncSchedule } from '../jobs/sync-all-job.ts';
import { calendarBusyTime } from '../services/availability/busy-time-source.ts';
import { createAuth } from './auth/better-auth.ts';
import { apiDocsPlugin } from './plugins/api-docs.ts';
import { assistantAuthPlugin } from './plugins/assistant-auth.ts';
import { callerPlugin } from './plugins/caller.ts';
import { csrfPlugin } from './plugins/csrf.ts';
import { clientErrorReply, errorHandlerPlugin, frameworkErrorReply } from './plugins/error-handler.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { nulCharactersPlugin } from './plugins/nul-characters.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { webAppPlugin } from './plugins/web-app.ts';
import { adminAppointmentRoutes } from './routes/admin-appointments.ts';
import { adminAssistantRoutes } from './routes/admin-assistants.ts';
import { adminPracticeRoutes } from './routes/admin-practice.ts';
import { adminUserRoutes } from './routes/admin-users.ts';
import { appointmentSyncRoutes } from './routes/appointment-sync.ts';
import { appointmentRoutes } from './routes/appointments.ts';
import { assistantRoutes } from './routes/assistant.ts';
import { authRoutes } from './routes/auth.ts';
import { availabilityRoutes } from './routes/availability.ts';
import { calendarConnectionRoutes } from './routes/calendar-connections.ts';
import { calendarFeedRoutes } from './routes/calendar-feed.ts';
import { calendarPracticeRoutes } from './routes/calendar-practice.ts';
import { calendarWebhookRoutes } from './routes/calendar-webhook.ts';
import { companyRoutes } from './routes/company.ts';
import { healthRoutes } from './routes/health.ts';
import { lagoWebhookRoutes } from './routes/lago-webhook.ts';
import { meRoutes } from './routes/me.ts';
import { microsoftNotificationRoutes } from './routes/microsoft-notifications.ts';
import { paymentRoutes } from './routes/payments.ts';
import { productRoutes } from './routes/products.ts';
import { supportRoutes } from './routes/support.ts';

export interface BuildAppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in/sign-up attempts allowed per client address and window. */
  authRateLimit?: { max: number; timeWindowMs: number };
  /** Where the built web app lives; tests without a build leave it absent. */
  webRoot?: string;
  /** Backoff of calendar provider calls; tests inject a sleep that does not wait. */
  calendarRetry?: RetryOptions;
  /** The calendar context shared with the job workers of this process, if any. */
  calendar?: CalendarContext;
  /** The billing context shared with the job workers of this process, if any. */
  billing?: BillingContext;
  /** The job queue; without one (some tests), a webhook's sync runs in-process instead. */
  jobs?: JobQueue;
}

export { loggerOptions } from './logger-options.ts';

/** Builds the whole HTTP application; main.ts only starts it, tests call `app.inject`. */
export async function buildApp(options: BuildAppOptions) {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorReply,
    clientErrorHandler: clientErrorReply,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const auth = createAuth(database.db, config, app.log);

  await app.register(errorHandlerPlugin);
  await app.register(nulCharactersPlugin);
  await app.register(securityHeadersPlugin, { allowedOrigins: config.ALLOWED_ORIGINS });
  await app.register(csrfPlugin, { trustedOrigins: config.trustedOrigins });
  await app.register(rateLimit, { global: false });
  await app.register(metricsPlugin, { token: config.METRICS_TOKEN });
  await app.register(apiDocsPlugin, { publicUrl: config.PUBLIC_URL });
  await app.register(callerPlugin, { auth, db: database.db });
  await app.register(assistantAuthPlugin, { db: database.db });

  await app.register(healthRoutes, { database });
  await app.register(authRoutes, {
    auth,
    db: database.db,
    publicUrl: config.PUBLIC_URL,
    rateLimit: options.authRateLimit ?? { max: 10, timeWindowMs: 60_000 },
  });
  await app.register(meRoutes, { db: database.db });
  await app.register(companyRoutes, { db: database.db });
  await app.register(adminPracticeRoutes, { db: database.db });
  const calendar = options.calendar ?? createCalendarContext(database.db, config, options.calendarRetry);
  const { jobs } = options;
  await app.register(calendarConnectionRoutes, { calendar, jobs });
  await app.register(appointmentSyncRoutes, { calendar });
  await app.register(calendarPracticeRoutes, {
    calendar,
    autoSync: {
      enabledByConfig: config.AUTO_SYNC_ENABLED,
      // What the workers' schedule keeps (AUTO_SYNC_INTERVAL rounded), not what was asked for.
      intervalSeconds: autoSyncSchedule(config.AUTO_SYNC_INTERVAL).periodSeconds,
      isScheduled: autoSyncScheduleProbe(database),
    },
  });
  await app.register(calendarWebhookRoutes, { calendar, jobs });
  await app.register(microsoftNotificationRoutes, { calendar, jobs });
  await app.register(adminUserRoutes, { db: database.db, calendar });
  const billing = options.billing ?? createBillingContext(database.db, config);
  await app.register(appointmentRoutes, { db: database.db, billing });
  await app.register(adminAppointmentRoutes, { db: database.db });
  await app.register(productRoutes, { db: database.db });
  await app.register(availabilityRoutes, { db: database.db, busyTime: calendarBusyTime });
  await app.register(adminAssistantRoutes, { db: database.db });
  await app.register(assistantRoutes, { db: database.db, busyTime: calendarBusyTime });
  await app.register(calendarFeedRoutes, { db: database.db, publicUrl: config.PUBLIC_URL });
  await app.register(supportRoutes, { db: database.db });
  await app.register(paymentRoutes, { billing });
  await app.register(lagoWebhookRoutes, { billing });

  await app.register(webAppPlugin, { root: options.webRoot ?? webDistFolder });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
