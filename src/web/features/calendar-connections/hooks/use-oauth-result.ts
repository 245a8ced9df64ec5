import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { connectErrors } from '../../../../shared/calendar.ts';

/**
 * The OAuth callback comes back to the settings page with `?connected=google` or
 * `?error=state_expired|invalid_state|access_denied|exchange_failed`: says so in a toast once,
 * then takes the parameters off the address so a reload does not say it again (the toast's id
 * keeps a repeated effect from showing it twice).
 */
export function useOAuthResult() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const connected = params.get('connected');
  const error = params.get('error');

  useEffect(() => {
    if (!connected && !error) return;
    if (connected === 'google' || connected === 'microsoft') {
      toast.success(
        t('calendarConnections.oauth.connected', {
          provider: t(`calendarConnections.provider.${connected}`),
        }),
        { id: 'oauth-result' },
      );
    } else if (error) {
      const known = (connectErrors as readonly string[]).includes(error) ? error : 'unknown';
      toast.error(t(`calendarConnections.oauth.${known}`), { id: 'oauth-result' });
    }
    const next = new URLSearchParams(params);
    next.delete('connected');
    next.delete('error');
    setParams(next, { replace: true });
  }, [connected, error, params, setParams, t]);
}
