/** Calls an emulator's control API under /__emulator/ (seed, faults, state), answering its JSON. */
export async function emulatorControl(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
