import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, redirect, useNavigate, useSearchParams } from 'react-router';
import { meQueryOptions } from '../../features/auth/api/get-me.ts';
import { hasSession } from '../../features/auth/api/has-session.ts';
import { LoginForm } from '../../features/auth/components/login-form.tsx';
import { paths, safeNext, withNext } from '../../lib/paths.ts';
import { queryClient } from '../../lib/query-client.ts';
import { AuthLayout } from '../layouts/auth-layout.tsx';

/** Someone already signed in has nothing to do here (asked afresh: they may just have signed out). */
export async function loader({ request }: LoaderFunctionArgs) {
  const next = new URL(request.url).searchParams.get('next');
  // The session first, which answers a signed-out visitor without an error; then the account.
  const signedIn =
    (await hasSession().catch(() => false)) &&
    (await queryClient.fetchQuery({ ...meQueryOptions(), staleTime: 0 }).then(
      () => true,
      () => false,
    ));
  if (signedIn) throw redirect(safeNext(next));
  return null;
}

export function Component() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  return (
    <AuthLayout
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.noAccount')}{' '}
          <Link
            to={withNext(paths.signup, next)}
            className="font-semibold text-teal-700 hover:text-teal-800 hover:underline"
          >
            {t('auth.login.toSignup')}
          </Link>
        </>
      }
    >
      <LoginForm onSuccess={() => navigate(safeNext(next), { replace: true })} />
    </AuthLayout>
  );
}
