import type { ApolloCache } from '@apollo/client';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { forgetListsAfterWrite } from '../cache';
import { Field, TextAreaField } from '../components/Field';
import { RequireSignIn } from '../components/RequireSignIn';
import { rowFromReading, SkillListEditor, type SkillRow } from '../components/SkillListEditor';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { attempt, formErrors, NO_ERRORS, withoutRowErrors, type FormErrors } from '../errors';
import { label, numberOrUndefined } from '../format';
import {
  CreateJobPostingDocument,
  ExtractSkillsDocument,
  PostingDocument,
  SetPostingSkillsDocument,
  UpdateJobPostingDocument,
  type PostingDetailFragment,
  type RemotePolicy,
  type Seniority,
} from '../graphql/generated';
import { useSession, type Me } from '../useSession';

const REMOTE: RemotePolicy[] = ['REMOTE', 'HYBRID', 'ONSITE'];
const SENIORITY: Seniority[] = ['JUNIOR', 'MID', 'SENIOR', 'LEAD'];
/** The most skills a posting lists. */
const MAX_SKILLS = 50;

/** /company/postings/new and /company/postings/:id/edit: a posting's details and skills. */
export function PostingEditorPage() {
  return (
    <RequireSignIn>
      <Editor />
    </RequireSignIn>
  );
}

function Editor() {
  const { id } = useParams();
  const { me, loading: sessionLoading } = useSession();
  const posting = useQuery(PostingDocument, { variables: { id: id ?? '' }, skip: !id });
  if (sessionLoading || posting.loading) return <Loading what="the posting" />;
  if (posting.error) return <ErrorMessage>{formErrors(posting.error).general}</ErrorMessage>;
  const existing = posting.data?.jobPosting ?? null;
  if (id && !existing) {
    return (
      <Empty>
        <h1>Posting not found</h1>
        <p>
          <Link to="/company">See your company&apos;s postings</Link>.
        </p>
      </Empty>
    );
  }
  if (!me || !mayEdit(me, existing)) {
    return (
      <Empty>
        <h1>{existing ? 'Not your posting' : 'No company'}</h1>
        <p>
          Only recruiters of a posting&apos;s company edit it.{' '}
          {!me?.company && <Link to="/signup">Sign up as a recruiter</Link>}
        </p>
      </Empty>
    );
  }
  return (
    <PostingForm
      key={existing?.id ?? 'new'}
      existing={existing}
      companyId={me.company?.id ?? existing?.company.id ?? null}
    />
  );
}

function mayEdit(me: Me, posting: PostingDetailFragment | null): boolean {
  if (!posting) return me.role === 'RECRUITER' && Boolean(me.company);
  return me.role === 'ADMIN' || (me.role === 'RECRUITER' && me.company?.id === posting.company.id);
}

function PostingForm({
  existing,
  companyId,
}: {
  existing: PostingDetailFragment | null;
  companyId: string | null;
}) {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [rows, setRows] = useState<SkillRow[]>(
    () =>
      existing?.skills.map((s) => ({
        skill: s.skill.slug,
        name: s.skill.name,
        level: s.minLevel,
        importance: s.importance,
      })) ?? [],
  );
  const [proposal, setProposal] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const afterWrite = { update: (cache: ApolloCache) => forgetListsAfterWrite(cache, companyId) };
  const [create, creating] = useMutation(CreateJobPostingDocument, afterWrite);
  const [change, changing] = useMutation(UpdateJobPostingDocument, afterWrite);
  const [setSkills, settingSkills] = useMutation(SetPostingSkillsDocument, afterWrite);
  const [reading, setReading] = useState(false);
  const saving = creating.loading || changing.loading || settingSkills.loading;

  const propose = async () => {
    setErrors(NO_ERRORS);
    setReading(true);
    const text = `${title}\n${description}`;
    const result = await attempt(
      async () =>
        (await client.query({ query: ExtractSkillsDocument, variables: { text }, fetchPolicy: 'no-cache' }))
          .data?.extractSkills.skills,
    );
    setReading(false);
    if (!result.ok) return setErrors(result.errors);
    const read = result.data ?? [];
    if (read.length > 0) setRows(read.slice(0, MAX_SKILLS).map(rowFromReading));
    setProposal(
      read.length === 0
        ? 'No known skill was found in the title or description; the list is unchanged.'
        : `${read.length} ${read.length === 1 ? 'skill' : 'skills'} read from the text` +
            (read.length > MAX_SKILLS
              ? `; the first ${MAX_SKILLS} are listed, as many as a posting takes`
              : '') +
            '. Review them (remove any, adjust importance and level), then save.',
    );
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    const form = new FormData(event.currentTarget);
    const fields = detailsFrom(form, title, description);
    const cleared = clearedSalary(existing, fields);
    if (cleared)
      return setErrors({
        fields: { [cleared]: 'A published salary can be changed, not removed.' },
        general: null,
      });
    const skills = rows.map((r) => ({
      skill: r.skill,
      importance: r.importance ?? 'REQUIRED',
      minLevel: r.level,
    }));
    const result = await attempt(async () => {
      if (!existing)
        return (await create({ variables: { input: { ...fields, skills } } })).data?.createJobPosting;
      const changed = (await change({ variables: { input: { id: existing.id, ...fields } } })).data
        ?.updateJobPosting;
      // A refused edit of the fields is said beside them; the skills are not written either.
      if (changed?.userErrors.length) return changed;
      return (await setSkills({ variables: { input: { postingId: existing.id, skills } } })).data
        ?.setPostingSkills;
    }, 'skills');
    if (!result.ok) return setErrors(result.errors);
    if (result.data?.jobPosting) await navigate(`/postings/${result.data.jobPosting.id}`);
  };

  const heading = existing ? `Edit ${existing.title}` : 'New posting';
  return (
    <>
      <p className="breadcrumb">
        <Link to="/company">Company postings</Link>
      </p>
      <h1>{heading}</h1>
      <form onSubmit={(e) => void onSubmit(e)} aria-label={heading} className="stack">
        <Field
          label="Title"
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.fields.title}
        />
        <TextAreaField
          label="Description"
          name="description"
          required
          maxLength={10_000}
          rows={12}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          hint="Paste the job description: Propose skills reads the skills it names."
          error={errors.fields.description ?? errors.fields.text}
        />
        <div className="form-grid">
          <Field
            label="Location"
            name="location"
            maxLength={120}
            defaultValue={existing?.location ?? ''}
            error={errors.fields.location}
          />
          <Select
            label="Way of working"
            name="remote"
            options={REMOTE}
            value={existing?.remote ?? 'ONSITE'}
          />
          <Select
            label="Seniority"
            name="seniority"
            options={SENIORITY}
            value={existing?.seniority ?? 'MID'}
          />
          <Field
            label="Minimum years of experience"
            name="minYearsExperience"
            type="number"
            min={0}
            max={50}
            step={1}
            defaultValue={existing?.minYearsExperience ?? 0}
            error={errors.fields.minYearsExperience}
          />
          <Field
            label="Salary from"
            name="salaryMin"
            type="number"
            min={0}
            step={1000}
            defaultValue={existing?.salaryMin?.amount ?? ''}
            error={errors.fields.salaryMin}
          />
          <Field
            label="Salary to"
            name="salaryMax"
            type="number"
            min={0}
            step={1000}
            defaultValue={existing?.salaryMax?.amount ?? ''}
            error={errors.fields.salaryMax}
          />
          <Field
            label="Currency"
            name="salaryCurrency"
            maxLength={3}
            pattern="[A-Za-z]{3}"
            defaultValue={existing?.salaryMin?.currency ?? existing?.salaryMax?.currency ?? 'USD'}
            hint="ISO 4217, e.g. USD"
            error={errors.fields.salaryCurrency}
          />
        </div>

        <section aria-labelledby="posting-skills-heading">
          <h2 id="posting-skills-heading">Skills asked for</h2>
          <div className="actions">
            <button type="button" onClick={() => void propose()} disabled={reading || !description.trim()}>
              {reading ? 'Reading…' : 'Propose skills from the description'}
            </button>
          </div>
          {proposal && (
            <p className="note" role="status">
              {proposal}
            </p>
          )}
          <SkillListEditor
            rows={rows}
            onChange={(next) => {
              setRows(next);
              // The errors' row indices are those of the list as it was sent.
              setErrors(withoutRowErrors);
            }}
            withImportance
            error={errors.fields.skills}
            rowErrors={errors.fields}
            empty="No skills yet. Paste the job description above and propose them, or add them one by one."
          />
        </section>
        {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
        <div className="actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : existing ? 'Save posting' : 'Publish posting'}
          </button>
          <Link to={existing ? `/postings/${existing.id}` : '/company'}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

function Select({
  label: text,
  name,
  options,
  value,
}: {
  label: string;
  name: string;
  options: string[];
  value: string;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{text}</label>
      <select id={name} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The posting's fields as the form holds them; an empty salary is none. */
function detailsFrom(form: FormData, title: string, description: string) {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const salaryMin = numberOrUndefined(text('salaryMin'));
  const salaryMax = numberOrUndefined(text('salaryMax'));
  return {
    title: title.trim(),
    description: description.trim(),
    location: text('location'),
    remote: text('remote') as RemotePolicy,
    seniority: text('seniority') as Seniority,
    minYearsExperience: numberOrUndefined(text('minYearsExperience')) ?? 0,
    salaryCurrency: text('salaryCurrency').toUpperCase() || 'USD',
    ...(salaryMin !== undefined ? { salaryMin } : {}),
    ...(salaryMax !== undefined ? { salaryMax } : {}),
  };
}

/** A salary end the posting had and the form leaves empty: the API keeps what it is not given. */
function clearedSalary(
  existing: PostingDetailFragment | null,
  fields: { salaryMin?: number; salaryMax?: number },
): 'salaryMin' | 'salaryMax' | null {
  if (existing?.salaryMin != null && fields.salaryMin === undefined) return 'salaryMin';
  if (existing?.salaryMax != null && fields.salaryMax === undefined) return 'salaryMax';
  return null;
}
