import type { ReactNode } from 'react';
import { LIMITS } from '@contracts/common';
import { Field } from '../../../components/Field';
import { useTexts } from '../texts';

/** The visit's own note, as written when it is recorded and changed on its edit page. */
export function VisitNotesField({
  id,
  error,
  value,
  onChange,
}: {
  id: string;
  error: ReactNode;
  value: string;
  onChange: (notes: string) => void;
}) {
  const { tx } = useTexts();
  return (
    <Field id={id} label={tx.form.notes} error={error}>
      {(p) => (
        <textarea
          {...p}
          rows={3}
          maxLength={LIMITS.note}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
