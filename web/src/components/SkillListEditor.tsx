import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { skillRowField } from '../errors';
import { label } from '../format';
import { SkillNamesDocument, type Importance } from '../graphql/generated';
import { Field } from './Field';

/** One skill of a list being edited: a learner's (level held) or a posting's (importance, level asked). */
export interface SkillRow {
  /** Slug, or the name as typed when it is not among the known names (the API resolves aliases). */
  skill: string;
  name: string;
  level: number;
  importance?: Importance;
  years?: number | null;
  /** Where the row came from, such as the words a text named it by. */
  note?: string;
}

const LEVELS = [1, 2, 3, 4, 5];
/** The level the API proposes when a text states none: 3, working. */
const DEFAULT_LEVEL = 3;
const IMPORTANCES: Importance[] = ['REQUIRED', 'PREFERRED'];

/**
 * A list of skills to review before it is saved as one set: change a level (and importance),
 * remove a row, add a skill by name. `error` is the API's word on the list, shown by "Skill to add";
 * `rowErrors` its word on single rows, by skillRowField(index), each shown beside its row.
 */
export function SkillListEditor({
  rows,
  onChange,
  withImportance = false,
  error,
  rowErrors = {},
  empty,
}: {
  rows: SkillRow[];
  onChange: (rows: SkillRow[]) => void;
  withImportance?: boolean;
  error?: string;
  rowErrors?: Record<string, string>;
  /** What to say while the list is empty. */
  empty: string;
}) {
  const id = useId();
  const { data: names } = useQuery(SkillNamesDocument);
  const [newSkill, setNewSkill] = useState('');
  const [newLevel, setNewLevel] = useState(DEFAULT_LEVEL);
  const [newImportance, setNewImportance] = useState<Importance>('REQUIRED');
  const [addError, setAddError] = useState<string | null>(null);
  const change = (i: number, patch: Partial<SkillRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  const add = () => {
    const typed = newSkill.trim();
    if (!typed) return;
    const known = names?.skills.edges.find(
      ({ node }) => node.name.toLowerCase() === typed.toLowerCase() || node.slug === typed.toLowerCase(),
    )?.node;
    const row: SkillRow = {
      skill: known?.slug ?? typed,
      name: known?.name ?? typed,
      level: newLevel,
      ...(withImportance ? { importance: newImportance } : {}),
    };
    if (rows.some((r) => r.skill === row.skill)) {
      setAddError(`${row.name} is already listed`);
      return;
    }
    onChange([...rows, row]);
    setNewSkill('');
    setAddError(null);
  };

  return (
    <>
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="skill-rows">
          {rows.map((row, i) => {
            const rowError = rowErrors[skillRowField(i)];
            const errorId = `${id}-row-${i}-error`;
            const described = rowError ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
            return (
              <li key={row.skill}>
                <span className="skill-row-name">
                  {row.name}
                  {row.note && <small> {row.note}</small>}
                </span>
                {withImportance && (
                  <select
                    aria-label={`Importance of ${row.name}`}
                    {...described}
                    value={row.importance}
                    onChange={(e) => change(i, { importance: e.target.value as Importance })}
                  >
                    {IMPORTANCES.map((value) => (
                      <option key={value} value={value}>
                        {label(value)}
                      </option>
                    ))}
                  </select>
                )}
                <LevelSelect
                  aria-label={`Level of ${row.name}`}
                  {...described}
                  value={row.level}
                  onChange={(level) => change(i, { level })}
                />
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  Remove <span className="visually-hidden">{row.name}</span>
                </button>
                {rowError && (
                  <span id={errorId} className="field-error skill-row-error">
                    {rowError}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="add-skill">
        <Field
          label="Skill to add"
          name={`${id}-skill`}
          list={`${id}-names`}
          value={newSkill}
          maxLength={100}
          onChange={(e) => setNewSkill(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          error={addError ?? error}
        />
        <datalist id={`${id}-names`}>
          {names?.skills.edges.map(({ node }) => (
            <option key={node.id} value={node.name} />
          ))}
        </datalist>
        {withImportance && (
          <div className="field">
            <label htmlFor={`${id}-importance`}>Importance</label>
            <select
              id={`${id}-importance`}
              value={newImportance}
              onChange={(e) => setNewImportance(e.target.value as Importance)}
            >
              {IMPORTANCES.map((value) => (
                <option key={value} value={value}>
                  {label(value)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-level`}>Level</label>
          <LevelSelect id={`${id}-level`} value={newLevel} onChange={setNewLevel} />
        </div>
        <button type="button" onClick={add}>
          Add skill
        </button>
      </div>
    </>
  );
}

function LevelSelect({
  value,
  onChange,
  ...rest
}: {
  value: number;
  onChange: (level: number) => void;
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  return (
    <select value={value} onChange={(e) => onChange(Number(e.target.value))} {...rest}>
      {LEVELS.map((level) => (
        <option key={level} value={level}>
          Level {level}
        </option>
      ))}
    </select>
  );
}

/** A skill read from a text as a row to review, noting the words it was read from when they differ. */
export function rowFromReading(reading: {
  skill: { slug: string; name: string };
  level: number | null;
  importance?: Importance;
  mentions: { text: string }[];
}): SkillRow {
  const said = reading.mentions[0]?.text;
  return {
    skill: reading.skill.slug,
    name: reading.skill.name,
    level: reading.level ?? DEFAULT_LEVEL,
    ...(reading.importance ? { importance: reading.importance } : {}),
    ...(said && said.toLowerCase() !== reading.skill.name.toLowerCase() ? { note: `as “${said}”` } : {}),
  };
}
