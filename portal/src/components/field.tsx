import type { ReactNode } from 'react';

/** What a labelled control needs so that its label, hint and error are read with it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/**
 * A label, the control, an optional hint and an optional error, wired by id: the hint and the error
 * are announced with the control (aria-describedby), and an error marks it invalid.
 */
export function Field({
  id,
  label,
  hint,
  error,
  className = 'field',
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p id={hintId!} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId!} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A required password; a new one must be 8 characters at least (users-permissions' own minimum). */
export function PasswordField({
  id,
  label,
  hint,
  autoComplete,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange(value: string): void;
}) {
  return (
    <Field id={id} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          name={id}
          type="password"
          autoComplete={autoComplete}
          minLength={autoComplete === 'new-password' ? 8 : undefined}
          required
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
