import { useMutation, useQuery } from '@apollo/client/react';
import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../components/Field';
import { RequireSignIn } from '../components/RequireSignIn';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { formErrors, type FormErrors } from '../errors';
import { label, numberOrUndefined } from '../format';
import {
  MyProfileDocument,
  SetMySkillsDocument,
  SkillNamesDocument,
  UpdateMyProfileDocument,
  type ProfilePartsFragment,
  type RemotePolicy,
} from '../graphql/generated';

const NO_ERRORS: FormErrors = { fields: {}, general: null };
const LEVELS = [1, 2, 3, 4, 5];

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
      <SkillsForm
        candidate={candidate}
        key={candidate.skills.map((s) => `${s.skill.id}:${s.level}`).join()}
      />
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
    try {
      await update({
        variables: {
          input: {
            displayName: text('displayName'),
            headline: text('headline'),
            location: text('location'),
            remote: text('remote') as RemotePolicy,
            yearsExperience: numberOrUndefined(text('yearsExperience')) ?? 0,
            openToWork: form.get('openToWork') === 'on',
          },
        },
      });
      setSaved(true);
    } catch (error) {
      setErrors(formErrors(error));
    }
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

interface Row {
  skill: string;
  name: string;
  level: number;
  years: number | null;
}

function SkillsForm({ candidate }: { candidate: ProfilePartsFragment }) {
  const [rows, setRows] = useState<Row[]>(
    candidate.skills.map((s) => ({
      skill: s.skill.slug,
      name: s.skill.name,
      level: s.level,
      years: s.years,
    })),
  );
  const [newSkill, setNewSkill] = useState('');
  const [newLevel, setNewLevel] = useState(3);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const { data: names } = useQuery(SkillNamesDocument);
  const [setMySkills, { loading }] = useMutation(SetMySkillsDocument);

  const add = () => {
    const skill = newSkill.trim();
    if (!skill) return;
    const known = names?.skills.edges.find(
      ({ node }) => node.name.toLowerCase() === skill.toLowerCase() || node.slug === skill.toLowerCase(),
    )?.node;
    setRows([
      ...rows,
      { skill: known?.slug ?? skill, name: known?.name ?? skill, level: newLevel, years: null },
    ]);
    setNewSkill('');
    setSaved(false);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      await setMySkills({
        variables: {
          skills: rows.map((r) => ({
            skill: r.skill,
            level: r.level,
            ...(r.years !== null ? { years: r.years } : {}),
          })),
        },
      });
      setSaved(true);
    } catch (error) {
      setErrors(formErrors(error, 'newSkill'));
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-labelledby="skills-heading" className="stack">
      <h2 id="skills-heading">Your skills</h2>
      {rows.length === 0 ? (
        <p className="empty">You have listed no skills yet. Add the ones you hold, then save.</p>
      ) : (
        <ul className="skill-rows">
          {rows.map((r, i) => (
            <li key={r.skill}>
              <label htmlFor={`level-${i}`}>{r.name}</label>
              <select
                id={`level-${i}`}
                value={r.level}
                onChange={(e) =>
                  setRows(rows.map((x, j) => (j === i ? { ...x, level: Number(e.target.value) } : x)))
                }
              >
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    Level {l}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="link-button"
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                Remove <span className="visually-hidden">{r.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="add-skill">
        <Field
          label="Skill to add"
          name="newSkill"
          list="skill-names"
          value={newSkill}
          maxLength={100}
          onChange={(e) => setNewSkill(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          error={errors.fields.newSkill}
        />
        <datalist id="skill-names">
          {names?.skills.edges.map(({ node }) => (
            <option key={node.id} value={node.name} />
          ))}
        </datalist>
        <div className="field">
          <label htmlFor="newLevel">Level</label>
          <select id="newLevel" value={newLevel} onChange={(e) => setNewLevel(Number(e.target.value))}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                Level {l}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={add}>
          Add skill
        </button>
      </div>
      {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
      <div className="actions">
        <button type="submit" disabled={loading}>
          Save skills
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}
