/**
 * Answers the emulator's consent page as a person would — open the authorization URL, pick the
 * account, press Accept or Cancel — and returns where Microsoft would send the browser back (the
 * redirect URI with `code` and `state`, or `error=access_denied`). Used by the product's tests,
 * benchmarks and demo; the emulator's own tests post the form directly.
 */
export async function answerMicrosoftConsent(
  authorizationUrl: string,
  options: { email?: string; decision?: 'accept' | 'cancel'; tamperState?: (state: string) => string },
): Promise<URL> {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  const request = /<input type="hidden" name="request" value="([^"]*)">/.exec(html)?.[1];
  if (!action || !request) throw new Error(`no consent form (${page.status}): ${html.slice(0, 300)}`);
  const accounts = [...html.matchAll(/<option value="([^"]+)"[^>]*>[^<]*&lt;([^&]+)&gt;<\/option>/g)];
  const account = options.email
    ? accounts.find((m) => m[2]!.toLowerCase() === options.email!.toLowerCase())?.[1]
    : accounts[0]?.[1];
  if (!account) throw new Error(`the consent page offers no account ${options.email ?? ''}`);
  const decision = await fetch(new URL(action, authorizationUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, account, decision: options.decision ?? 'accept' }),
    redirect: 'manual',
  });
  const location = decision.headers.get('location');
  if (!location)
    throw new Error(`the emulator did not redirect (${decision.status}): ${await decision.text()}`);
  const back = new URL(location);
  if (options.tamperState)
    back.searchParams.set('state', options.tamperState(back.searchParams.get('state') ?? ''));
  return back;
}
