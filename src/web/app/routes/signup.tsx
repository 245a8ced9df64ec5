import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SignupForm } from '../../features/auth/components/signup-form.tsx';
import { loginPath, safeNext } from '../../lib/paths.ts';
import { AuthLayout } from '../layouts/auth-layout.tsx';

export { loader } from './login.tsx';

export function Component() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  return (
    <AuthLayout
      title={t('auth.signup.title')}
      subtitle={t('auth.signup.subtitle')}
      footer={
        <>
          {t('auth.signup.hasAccount')}{' '}
          <Link
            to={loginPath(next)}
            className="font-semibold text-teal-700 hover:text-teal-800 hover:underline"
          >
            {t('auth.signup.toLogin')}
          </Link>
        </>
      }
    >
      <SignupForm onSuccess={() => navigate(safeNext(next), { replace: true })} />
    </AuthLayout>
  );
}
