import { label } from '../format';

/** A fieldset of checkboxes (any of) or radio buttons (one of), labelled with the values' words. */
export function ChoiceGroup<T extends string>({
  legend,
  name,
  options,
  checked,
  type = 'checkbox',
  onChange,
  text = label,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  /** The values checked at first (an uncontrolled form), or always (with onChange). */
  checked: readonly string[];
  type?: 'checkbox' | 'radio';
  onChange?: (value: T) => void;
  /** The words for a value; by default its enum name in sentence case. */
  text?: (value: T) => string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((value) => (
        <label key={value} className="check">
          <input
            type={type}
            name={name}
            value={value}
            {...(onChange
              ? { checked: checked.includes(value), onChange: () => onChange(value) }
              : { defaultChecked: checked.includes(value) })}
          />
          {text(value)}
        </label>
      ))}
    </fieldset>
  );
}
