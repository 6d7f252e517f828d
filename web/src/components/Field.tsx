import { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

interface FrameProps {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}

/** A labelled input with its error beside it, announced with the input. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame label={label} name={name} error={error} hint={hint}>
      <input id={name} name={name} {...described(name, error, hint)} {...input} />
    </Frame>
  );
}

/** The same for a text of many lines. */
export function TextAreaField({
  label,
  name,
  error,
  hint,
  ...textarea
}: FrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame label={label} name={name} error={error} hint={hint}>
      <textarea id={name} name={name} rows={8} {...described(name, error, hint)} {...textarea} />
    </Frame>
  );
}

function described(name: string, error?: string, hint?: string) {
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}

function Frame({ label, name, error, hint, children }: FrameProps & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children}
      {hint && <small id={`${name}-hint`}>{hint}</small>}
      {error && (
        <span id={`${name}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
