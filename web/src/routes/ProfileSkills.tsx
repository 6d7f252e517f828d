import { useMutation } from '@apollo/client/react';
import { FormEvent, useState } from 'react';
import { TextAreaField } from '../components/Field';
import { rowFromReading, SkillListEditor, type SkillRow } from '../components/SkillListEditor';
import { ErrorMessage } from '../components/Status';
import { attempt, NO_ERRORS, withoutRowErrors, type FormErrors } from '../errors';
import {
  ProposeMySkillsDocument,
  SetMySkillsDocument,
  type ProfilePartsFragment,
} from '../graphql/generated';

/** Longest text the API reads skills from. */
const MAX_TEXT = 100_000;

const rowsOf = (skills: ProfilePartsFragment['skills']): SkillRow[] =>
  skills.map((s) => ({ skill: s.skill.slug, name: s.skill.name, level: s.level, years: s.years }));

/**
 * The learner's skills, edited as a list and saved as one set. Pasting a CV proposes a list
 * (a dry run of setMySkillsFromText) that the learner reviews here before saving it as reviewed.
 */
export function ProfileSkills({ candidate }: { candidate: ProfilePartsFragment }) {
  const [rows, setRows] = useState(() => rowsOf(candidate.skills));
  const [proposed, setProposed] = useState<number | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [setMySkills, { loading }] = useMutation(SetMySkillsDocument);

  const edit = (next: SkillRow[]) => {
    setRows(next);
    setSaved(false);
    // The errors' row indices are those of the list as it was sent.
    setErrors(withoutRowErrors);
  };
  const propose = (next: SkillRow[]) => {
    if (next.length > 0) edit(next);
    setProposed(next.length);
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    const skills = rows.map((r) => ({
      skill: r.skill,
      level: r.level,
      ...(r.years != null ? { years: r.years } : {}),
    }));
    const result = await attempt(
      async () => (await setMySkills({ variables: { input: { skills } } })).data?.setMySkills,
    );
    if (!result.ok) return setErrors(result.errors);
    if (result.data?.candidate) setRows(rowsOf(result.data.candidate.skills));
    setProposed(null);
    setSaved(true);
  };

  return (
    <section aria-labelledby="skills-heading" className="stack">
      <h2 id="skills-heading">Your skills</h2>
      <CvReader onProposal={propose} />
      <form onSubmit={(e) => void onSubmit(e)} aria-label="Your skills">
        {proposed !== null && (
          <p className="note" role="status">
            {proposed === 0
              ? 'No known skill was found in this text; your list is unchanged.'
              : `${proposed} ${proposed === 1 ? 'skill' : 'skills'} read from your CV. Review them (remove any, ` +
                'adjust levels), then save: saving replaces your skills with this list.'}
          </p>
        )}
        <SkillListEditor
          rows={rows}
          onChange={edit}
          error={errors.fields.skills}
          rowErrors={errors.fields}
          empty="You have listed no skills yet. Add the ones you hold, or paste your CV above, then save."
        />
        {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
        <div className="actions">
          <button type="submit" disabled={loading}>
            Save skills
          </button>
          {proposed !== null && proposed > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setRows(rowsOf(candidate.skills));
                setProposed(null);
              }}
            >
              Keep my saved skills
            </button>
          )}
          {saved && <span role="status">Saved.</span>}
        </div>
      </form>
    </section>
  );
}

/** "Paste your CV": asks the API which skills the text names, saving nothing. */
function CvReader({ onProposal }: { onProposal: (rows: SkillRow[]) => void }) {
  const [read, { loading }] = useMutation(ProposeMySkillsDocument);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [text, setText] = useState('');
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    const result = await attempt(async () => (await read({ variables: { text } })).data?.setMySkillsFromText);
    if (!result.ok) return setErrors(result.errors);
    if (result.data?.skills) onProposal(result.data.skills.map(rowFromReading));
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Read skills from your CV" className="panel">
      <TextAreaField
        label="Paste your CV"
        name="cv"
        required
        maxLength={MAX_TEXT}
        value={text}
        onChange={(e) => setText(e.target.value)}
        hint="Skillgraph proposes the skills it names, with levels; nothing is saved until you save your skills."
        error={errors.fields.text}
      />
      {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
      <button type="submit" disabled={loading}>
        {loading ? 'Reading…' : 'Propose skills'}
      </button>
    </form>
  );
}
