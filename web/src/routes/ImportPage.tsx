import { useMutation } from '@apollo/client/react';
import { ChangeEvent, FormEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { forgetListsAfterWrite } from '../cache';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { Field } from '../components/Field';
import { RequireSignIn } from '../components/RequireSignIn';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { attempt, NO_ERRORS, type FormErrors } from '../errors';
import {
  ImportRecordsDocument,
  type ImportFormat,
  type ImportRecordsMutation,
  type ImportRecordType,
} from '../graphql/generated';
import { useSession, type Me } from '../useSession';

type Report = NonNullable<ImportRecordsMutation['importRecords']['report']>;

/** The most the API takes in one request; larger files go through `npm run import`. */
const MAX_CHARACTERS = 5 * 1024 * 1024;
/** Rejections listed on the page; the count says how many there are in all. */
const LISTED = 100;
const TYPES: ImportRecordType[] = ['POSTING', 'CANDIDATE', 'COURSE'];
const FORMATS: ImportFormat[] = ['CSV', 'JSONL'];

export function ImportPage() {
  return (
    <RequireSignIn>
      <Importer />
    </RequireSignIn>
  );
}

function Importer() {
  const { me, loading } = useSession();
  if (loading) return <Loading what="your account" />;
  if (!me || (me.role !== 'ADMIN' && me.role !== 'RECRUITER')) {
    return (
      <Empty>
        <h1>Import records</h1>
        <p>
          Administrators and recruiters import records from files. Learners keep their profile on My profile.
        </p>
      </Empty>
    );
  }
  return <ImportForm me={me} />;
}

/** Choose a file, see what importing it would do (a dry run), then import it. */
function ImportForm({ me }: { me: Me }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [format, setFormat] = useState<ImportFormat>('JSONL');
  const [type, setType] = useState<ImportRecordType>('POSTING');
  const [check, setCheck] = useState<Report | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [importRecords, { loading }] = useMutation(ImportRecordsDocument, {
    update: (cache, _result, { variables }) => {
      if (!variables?.input.dryRun) forgetListsAfterWrite(cache, me.company?.id);
    },
  });
  const recordType = me.role === 'ADMIN' ? type : 'POSTING';
  const startOver = () => {
    setCheck(null);
    setDone(null);
    setErrors(NO_ERRORS);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    startOver();
    const chosen = event.target.files?.[0];
    if (!chosen) return setFile(null);
    const text = await chosen.text();
    if (text.length > MAX_CHARACTERS) {
      setFile(null);
      return setErrors({
        fields: { data: 'This file is over 5 MiB: import it with npm run import on the server.' },
        general: null,
      });
    }
    setFile({ name: chosen.name, text });
    if (/\.csv$/i.test(chosen.name)) setFormat('CSV');
    else if (/\.(jsonl|ndjson|json)$/i.test(chosen.name)) setFormat('JSONL');
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setErrors(NO_ERRORS);
    const input = { type: recordType, format, data: file.text, dryRun };
    const result = await attempt(
      async () => (await importRecords({ variables: { input } })).data?.importRecords,
    );
    if (!result.ok) return setErrors(result.errors);
    if (dryRun) setCheck(result.data?.report ?? null);
    else setDone(result.data?.report ?? null);
  };
  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };

  const toWrite = check ? check.created + check.updated : 0;
  return (
    <>
      <h1>Import records</h1>
      <p>
        A file of postings, candidates or courses, one record a row, known by its <code>externalId</code>:
        importing a row again changes nothing, and a changed row updates its record. Skillgraph first shows
        what the file would do; nothing is written until you import.
      </p>
      <form onSubmit={onCheck} aria-label="Check a file" className="panel">
        <Field
          label="File (CSV or JSONL)"
          name="data"
          type="file"
          accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
          required
          onChange={(e) => void onFile(e)}
          error={errors.fields.data}
          hint="Up to 5 MiB; the formats of npm run import (see README, Bulk import)."
        />
        <ChoiceGroup
          legend="Format"
          name="format"
          type="radio"
          options={FORMATS}
          checked={[format]}
          text={(value) => value}
          onChange={(value) => {
            setFormat(value);
            startOver();
          }}
        />
        {me.role === 'ADMIN' ? (
          <ChoiceGroup
            legend="Every row is a"
            name="type"
            type="radio"
            options={TYPES}
            checked={[type]}
            onChange={(value) => {
              setType(value);
              startOver();
            }}
          />
        ) : (
          <p>Recruiters import postings, always into {me.company?.name ?? 'their company'}.</p>
        )}
        {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
        <button type="submit" disabled={loading || !file}>
          {loading && !check ? 'Checking…' : 'Check file'}
        </button>
      </form>

      {check && !done && (
        <ImportReport report={check} dryRun>
          {toWrite > 0 ? (
            <>
              <p>
                Importing writes the {toWrite} {toWrite === 1 ? 'row' : 'rows'} to create or update
                {check.rejected > 0 ? ` and leaves out the ${check.rejected} rejected` : ''}.
              </p>
              <button type="button" disabled={loading} onClick={() => void run(false)}>
                {loading ? 'Importing…' : 'Import'}
              </button>
            </>
          ) : (
            <p>Nothing to import: fix the rejected rows, or choose another file.</p>
          )}
        </ImportReport>
      )}
      {done && <ImportReport report={done} dryRun={false} />}
    </>
  );
}

function ImportReport({
  report,
  dryRun,
  children,
}: {
  report: Report;
  dryRun: boolean;
  children?: ReactNode;
}) {
  const counts: [string, number][] = dryRun
    ? [
        ['To create', report.created],
        ['To update', report.updated],
        ['Unchanged', report.unchanged],
        ['To reject', report.rejected],
      ]
    : [
        ['Created', report.created],
        ['Updated', report.updated],
        ['Unchanged', report.unchanged],
        ['Rejected', report.rejected],
      ];
  const heading = dryRun ? 'What importing this file would do' : 'Imported';
  // The report appears below the form: take keyboard and screen reader users to it.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section aria-labelledby="report-heading" className="stack">
      <h2 id="report-heading" tabIndex={-1} ref={headingRef}>
        {heading}
      </h2>
      <dl className="counts">
        {counts.map(([what, n]) => (
          <div key={what}>
            <dt>{what}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {report.errors.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>
              Rejected rows
              {report.rejected > LISTED ? ` (the first ${LISTED} of ${report.rejected})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Field</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.slice(0, LISTED).map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.field ?? 'the row'}</td>
                  <td>
                    {e.message} <code>{e.code}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </section>
  );
}
