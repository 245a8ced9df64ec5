/**
 * Google and Microsoft deliver change notifications only to HTTPS addresses (PROVIDERS.md:
 * events.watch `address (HTTPS)`, Graph `notificationUrl (HTTPS)`). Plain http is let through
 * for loopback hosts alone, where only an emulator or a developer's own machine can listen.
 */
export function isDeliverableWebhookAddress(address: string): boolean {
  if (!URL.canParse(address)) return false;
  const url = new URL(address);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export const webhookAddressRule =
  'must be an HTTPS address (Google and Microsoft deliver notifications only over HTTPS; plain http only for localhost)';
