import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field } from '../components/Field';
import { ErrorMessage } from '../components/Status';
import { formErrors, type FormErrors } from '../errors';
import { LogInDocument, SignInPageDocument, SignUpDocument, type Role } from '../graphql/generated';
import { safeNext, setToken } from '../session';

// Public: loaded only with the demo data, never where real people sign in (see README).
const DEMO_ACCOUNTS = [
  { who: 'Recruiter', email: 'recruiter@example.com', password: 'demo-recruiter-password' },
  { who: 'Learner', email: 'learner@example.com', password: 'demo-learner-password' },
];

const NO_ERRORS: FormErrors = { fields: {}, general: null };

/** Stores the new session, refetches what was shown anonymously, and goes back where the person was. */
function useSignedIn() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return async (token: string) => {
    setToken(token);
    await client.resetStore();
    await navigate(safeNext(params.get('next')), { replace: true });
  };
}

export function SignInPage() {
  const [logIn, { loading }] = useMutation(LogInDocument);
  const { data: page } = useQuery(SignInPageDocument);
  const signedIn = useSignedIn();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    try {
      const { data } = await logIn({ variables: { email, password } });
      if (data) await signedIn(data.logIn.token);
    } catch (error) {
      setErrors(formErrors(error));
    }
  };

  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <form onSubmit={(e) => void onSubmit(e)} aria-label="Sign in">
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fields.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
        />
        {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
        <button type="submit" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        No account yet?{' '}
        <Link to={`/signup${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>
          Sign up
        </Link>
      </p>
      {page?.demoDataLoaded && (
        <section className="demo" aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demo accounts</h2>
          <ul>
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                {a.who}: <code>{a.email}</code> / <code>{a.password}</code>{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(a.password);
                  }}
                >
                  Fill in <span className="visually-hidden">the {a.who.toLowerCase()} account</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function SignUpPage() {
  const [signUp, { loading }] = useMutation(SignUpDocument);
  const signedIn = useSignedIn();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [role, setRole] = useState<Role>('LEARNER');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    try {
      const { data } = await signUp({
        variables: {
          input: {
            email: text('email'),
            password: String(form.get('password') ?? ''),
            displayName: text('displayName'),
            role,
            ...(role === 'RECRUITER' && text('companyName') ? { companyName: text('companyName') } : {}),
            ...(role === 'RECRUITER' && text('inviteCode') ? { inviteCode: text('inviteCode') } : {}),
          },
        },
      });
      if (data) await signedIn(data.signUp.token);
    } catch (error) {
      setErrors(formErrors(error));
    }
  };

  return (
    <div className="narrow">
      <h1>Sign up</h1>
      <form onSubmit={(e) => void onSubmit(e)} aria-label="Sign up">
        <Field
          label="Name"
          name="displayName"
          required
          maxLength={120}
          autoComplete="name"
          error={errors.fields.displayName}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="username"
          error={errors.fields.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          minLength={10}
          maxLength={200}
          autoComplete="new-password"
          hint="At least 10 characters"
          error={errors.fields.password}
        />
        <fieldset>
          <legend>I am</legend>
          <label className="check">
            <input
              type="radio"
              name="role"
              value="LEARNER"
              checked={role === 'LEARNER'}
              onChange={() => setRole('LEARNER')}
            />
            A learner
          </label>
          <label className="check">
            <input
              type="radio"
              name="role"
              value="RECRUITER"
              checked={role === 'RECRUITER'}
              onChange={() => setRole('RECRUITER')}
            />
            A recruiter
          </label>
          {errors.fields.role && <span className="field-error">{errors.fields.role}</span>}
        </fieldset>
        {role === 'RECRUITER' && (
          <>
            <Field
              label="Company name"
              name="companyName"
              maxLength={200}
              error={errors.fields.companyName}
            />
            <Field
              label="Invitation code"
              name="inviteCode"
              maxLength={64}
              hint="From a colleague, to join their company instead"
              error={errors.fields.inviteCode}
            />
          </>
        )}
        {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
        <button type="submit" disabled={loading}>
          {loading ? 'Signing up…' : 'Sign up'}
        </button>
      </form>
      <p>
        Have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
