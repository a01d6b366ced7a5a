/**
 * A native progress element with its label and the same progress in words beside it, so it is
 * readable without the bar. Indeterminate while `value` is null.
 */
export function ProgressBar({
  id,
  label,
  value,
  text,
}: {
  id: string;
  label: string;
  value: number | null;
  text: string;
}) {
  return (
    <div className="progress">
      <label htmlFor={id} className="progress__label">
        {label}
      </label>
      {value === null ? (
        <progress id={id} aria-describedby={`${id}-text`} />
      ) : (
        <progress id={id} max={100} value={Math.round(value * 100)} aria-describedby={`${id}-text`} />
      )}
      <p id={`${id}-text`} className="progress__text">
        {text}
      </p>
    </div>
  );
}
