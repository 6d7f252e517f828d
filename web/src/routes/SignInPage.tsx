import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field } from '../components/Field';
import { ErrorMessage } from '../components/Status';
import { attempt, NO_ERRORS, type FormErrors } from '../errors';
import { LogInDocument, SignInPageDocument, SignUpDocument, type Role } from '../graphql/generated';
import { safeNext, setToken } from '../session';

// Public: loaded only with the demo data, never where real people sign in (see README).
const DEMO_ACCOUNTS = [
  { who: 'Recruiter', email: 'recruiter@example.com', password: 'demo-recruiter-password' },
  { who: 'Learner', email: 'learner@example.com', password: 'demo-learner-password' },
];

type Mode = 'signIn' | 'signUp';

const WORDS = {
  signIn: {
    title: 'Sign in',
    busy: 'Signing in…',
    other: 'signup',
    otherText: 'No account yet?',
    otherLink: 'Sign up',
  },
  signUp: {
    title: 'Sign up',
    busy: 'Signing up…',
    other: 'login',
    otherText: 'Have an account?',
    otherLink: 'Sign in',
  },
} as const;

export const SignInPage = () => <AccountPage mode="signIn" />;
export const SignUpPage = () => <AccountPage mode="signUp" />;

/** Signing in and signing up: one form, the same Email and Password, and sign-up's own fields. */
function AccountPage({ mode }: { mode: Mode }) {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [logIn, loggingIn] = useMutation(LogInDocument);
  const [signUp, signingUp] = useMutation(SignUpDocument);
  const { data: page } = useQuery(SignInPageDocument, { skip: mode !== 'signIn' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('LEARNER');
  const words = WORDS[mode];
  const loading = loggingIn.loading || signingUp.loading;
  const next = params.get('next');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const result = await attempt(async () => {
      if (mode === 'signIn') return (await logIn({ variables: { input: { email, password } } })).data?.logIn;
      const input = {
        email: email.trim(),
        password,
        displayName: text('displayName'),
        role,
        ...(role === 'RECRUITER' && text('companyName') ? { companyName: text('companyName') } : {}),
        ...(role === 'RECRUITER' && text('inviteCode') ? { inviteCode: text('inviteCode') } : {}),
      };
      return (await signUp({ variables: { input } })).data?.signUp;
    });
    if (!result.ok) return setErrors(result.errors);
    const token = result.data?.token;
    if (!token) return;
    // Refetches what was shown anonymously, and goes back where the person was.
    setToken(token);
    await client.resetStore();
    await navigate(safeNext(next), { replace: true });
  };

  return (
    <div className="narrow">
      <h1>{words.title}</h1>
      <form onSubmit={(e) => void onSubmit(e)} aria-label={words.title}>
        {mode === 'signUp' && (
          <Field
            label="Name"
            name="displayName"
            required
            maxLength={120}
            autoComplete="name"
            error={errors.fields.displayName}
          />
        )}
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
          autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'signUp' ? 10 : undefined}
          maxLength={200}
          hint={mode === 'signUp' ? 'At least 10 characters' : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
        />
        {mode === 'signUp' && <SignUpFields role={role} setRole={setRole} errors={errors} />}
        {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
        <button type="submit" disabled={loading}>
          {loading ? words.busy : words.title}
        </button>
      </form>
      <p>
        {words.otherText}{' '}
        <Link to={`/${words.other}${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
          {words.otherLink}
        </Link>
      </p>
      {mode === 'signIn' && page?.demoDataLoaded && (
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

function SignUpFields({
  role,
  setRole,
  errors,
}: {
  role: Role;
  setRole: (role: Role) => void;
  errors: FormErrors;
}) {
  return (
    <>
      <fieldset>
        <legend>I am</legend>
        {(['LEARNER', 'RECRUITER'] as const).map((r) => (
          <label key={r} className="check">
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
            {r === 'LEARNER' ? 'A learner' : 'A recruiter'}
          </label>
        ))}
        {errors.fields.role && <span className="field-error">{errors.fields.role}</span>}
      </fieldset>
      {role === 'RECRUITER' && (
        <>
          <Field label="Company name" name="companyName" maxLength={200} error={errors.fields.companyName} />
          <Field
            label="Invitation code"
            name="inviteCode"
            maxLength={64}
            hint="From a colleague, to join their company instead"
            error={errors.fields.inviteCode}
          />
        </>
      )}
    </>
  );
}
