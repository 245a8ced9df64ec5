/** When the last reload for a new version happened, so a chunk that stays missing cannot loop. */
const reloadedAtKey = 'rendezvous:reloaded-for-new-version';
const loopGuardMs = 30_000;

/**
 * A tab left open across an upgrade still runs the old build, whose pages' code files the new
 * build no longer has: opening such a page failed with "Something went wrong". Vite reports the
 * missing file as `vite:preloadError`; the tab then loads the new version once, at the page it
 * was going to. If the file is still missing right after that reload, the error page shows.
 */
export function reloadOnNewVersion(pendingHref: () => string | null): void {
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(sessionStorage.getItem(reloadedAtKey) ?? 0);
    if (Date.now() - last < loopGuardMs) return;
    event.preventDefault();
    sessionStorage.setItem(reloadedAtKey, String(Date.now()));
    // The address bar still shows the page being left until the new one has loaded.
    const href = pendingHref();
    if (href) window.location.assign(href);
    else window.location.reload();
  });
}
