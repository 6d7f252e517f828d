import { useMutation, useQuery } from '@apollo/client/react';
import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../components/Field';
import { RequireSignIn } from '../components/RequireSignIn';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { attempt, formErrors, NO_ERRORS, type FormErrors } from '../errors';
import { label, numberOrUndefined } from '../format';
import {
  MyProfileDocument,
  UpdateMyProfileDocument,
  type ProfilePartsFragment,
  type RemotePolicy,
} from '../graphql/generated';
import { ProfileSkills } from './ProfileSkills';

export function ProfilePage() {
  return (
    <RequireSignIn>
      <Profile />
    </RequireSignIn>
  );
}

function Profile() {
  const { data, loading, error } = useQuery(MyProfileDocument);
  if (loading && !data) return <Loading what="your profile" />;
  if (error) return <ErrorMessage>{formErrors(error).general}</ErrorMessage>;
  const candidate = data?.me?.candidate;
  if (!candidate) {
    return (
      <Empty>
        <h1>No learner profile</h1>
        <p>
          This page is for learners. <Link to="/signup">Sign up as a learner</Link> to keep a profile.
        </p>
      </Empty>
    );
  }
  return (
    <>
      <h1>My profile</h1>
      <ProfileForm candidate={candidate} />
      <ProfileSkills candidate={candidate} />
    </>
  );
}

function ProfileForm({ candidate }: { candidate: ProfilePartsFragment }) {
  const [update, { loading }] = useMutation(UpdateMyProfileDocument);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const input = {
      displayName: text('displayName'),
      headline: text('headline'),
      location: text('location'),
      remote: text('remote') as RemotePolicy,
      yearsExperience: numberOrUndefined(text('yearsExperience')) ?? 0,
      openToWork: form.get('openToWork') === 'on',
    };
    const result = await attempt(async () => (await update({ variables: { input } })).data?.updateMyProfile);
    if (result.ok) setSaved(true);
    else setErrors(result.errors);
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-labelledby="profile-heading" className="stack">
      <h2 id="profile-heading">About you</h2>
      <Field
        label="Name"
        name="displayName"
        defaultValue={candidate.displayName}
        required
        maxLength={120}
        error={errors.fields.displayName}
      />
      <Field
        label="Headline"
        name="headline"
        defaultValue={candidate.headline}
        maxLength={200}
        error={errors.fields.headline}
      />
      <Field
        label="Location"
        name="location"
        defaultValue={candidate.location}
        maxLength={100}
        error={errors.fields.location}
      />
      <div className="field">
        <label htmlFor="remote">Way of working</label>
        <select id="remote" name="remote" defaultValue={candidate.remote}>
          {(['REMOTE', 'HYBRID', 'ONSITE'] as const).map((r) => (
            <option key={r} value={r}>
              {label(r)}
            </option>
          ))}
        </select>
      </div>
      <Field
        label="Years of experience"
        name="yearsExperience"
        type="number"
        min={0}
        max={60}
        step={0.5}
        defaultValue={candidate.yearsExperience}
        error={errors.fields.yearsExperience}
      />
      <label className="check">
        <input type="checkbox" name="openToWork" defaultChecked={candidate.openToWork} /> Open to work
      </label>
      {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
      <div className="actions">
        <button type="submit" disabled={loading}>
          Save profile
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}
