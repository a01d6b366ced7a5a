import { createContext, useContext, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a Field hands to its control so label, hint and error are tied to it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  required?: boolean;
}

export interface FieldProps {
  label: ReactNode;
  /** The id of the control; the error summary links to it. Generated when not given. */
  id?: string;
  hint?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  children: (control: ControlProps) => ReactNode;
  className?: string;
}

/**
 * A field's error in text, "Fel:" said first to a screen reader; its id is `${controlId}-error`,
 * the id `errorAria` ties the control to. For a control without a Field (one in a table cell).
 */
export function FieldError({ controlId, children }: { controlId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p id={`${controlId}-error`} className="field__error">
      <span className="visually-hidden">{t('common.errorPrefix')} </span>
      {children}
    </p>
  );
}

/** The aria attributes that mark a control invalid and describe it by its FieldError, if any. */
export function errorAria(
  controlId: string,
  error: ReactNode,
): Pick<ControlProps, 'aria-describedby' | 'aria-invalid'> {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${controlId}-error` } : {};
}

/**
 * A form field: a visible label (saying in words whether it is required), an optional hint, the
 * error in text right above the control, and the control wired to all three with aria attributes.
 */
export function Field({ label, id, hint, error, required, children, className }: FieldProps) {
  const { t } = useTranslation();
  const auto = useId();
  const controlId = id ?? `f${auto}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={controlId} className="field__label">
        {label}
        {required ? <span className="field__req"> ({t('common.required')})</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? <FieldError controlId={controlId}>{error}</FieldError> : null}
      {children({
        id: controlId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { required: true } : {}),
      })}
    </div>
  );
}

export interface ChoiceGroupProps {
  legend: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  /** The id of the first option, for the error summary's link. */
  id?: string;
  children: ReactNode;
  className?: string;
  /** Read-only: every option in it is disabled (announced as such, and skipped by Tab). */
  disabled?: boolean;
}

/**
 * Whether the group a Choice is in has an error: each of its inputs is then marked invalid, as a
 * Field's control is, so a screen reader says so on whichever option it lands (not only on
 * entering the fieldset, which some do not announce when the group is reached from its error link).
 */
const GroupInvalid = createContext(false);

/** A fieldset with legend, hint and error for radio buttons or checkboxes. */
export function ChoiceGroup({
  legend,
  hint,
  error,
  required,
  id,
  children,
  className,
  disabled,
}: ChoiceGroupProps) {
  const { t } = useTranslation();
  const auto = useId();
  const base = id ?? `g${auto}`;
  const hintId = hint ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={['field', 'choices', error ? 'field--error' : '', className ?? ''].join(' ').trim()}
      aria-describedby={describedBy}
      disabled={disabled}
    >
      <legend className="field__label">
        {legend}
        {required ? <span className="field__req"> ({t('common.required')})</span> : null}
      </legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? <FieldError controlId={base}>{error}</FieldError> : null}
      <div className="choices__list">
        <GroupInvalid.Provider value={Boolean(error)}>{children}</GroupInvalid.Provider>
      </div>
    </fieldset>
  );
}

export interface ChoiceProps {
  type: 'radio' | 'checkbox';
  id?: string;
  name: string;
  value: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}

export function Choice({ type, id, name, value, checked, onChange, label, hint, disabled }: ChoiceProps) {
  const auto = useId();
  const invalid = useContext(GroupInvalid);
  const inputId = id ?? `c${auto}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className="choice">
      <input
        type={type}
        id={inputId}
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hintId}
        aria-invalid={invalid || undefined}
      />
      <label htmlFor={inputId}>
        {label}
        {hint ? (
          <span id={hintId} className="choice__hint">
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}
