/**
 * Answers the emulator's consent page as a person would — open the authorization URL, submit the
 * form with "Allow" or "Cancel" — and returns where Google would send the browser back (the
 * redirect URI with `code` and `state`, or `error=access_denied`). Used by the product's tests,
 * its benchmarks and its demo; the emulator's own tests post the form directly.
 */
export async function answerGoogleConsent(
  emulatorUrl: string,
  authorizationUrl: string,
  options: { email: string; decision?: 'allow' | 'deny'; tamperState?: (state: string) => string },
): Promise<URL> {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      match[1]!,
      match[2]!.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))),
    );
  }
  form.set('email', options.email);
  form.set('decision', options.decision ?? 'allow');
  if (options.tamperState) form.set('state', options.tamperState(form.get('state') ?? ''));
  const decision = await fetch(`${emulatorUrl}/o/oauth2/v2/auth/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  const location = decision.headers.get('location');
  if (!location)
    throw new Error(`the emulator did not redirect (${decision.status}): ${await decision.text()}`);
  return new URL(location);
}
