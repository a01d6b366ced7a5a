import type { ButtonHTMLAttributes } from 'react';
import { Link, type LinkProps } from 'react-router';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** While true the button says what is happening and ignores clicks (it stays focusable). */
  busy?: boolean;
  busyText?: string;
}

export function Button({
  variant = 'primary',
  busy,
  busyText,
  children,
  className,
  onClick,
  ...rest
}: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={['btn', `btn--${variant}`, className ?? ''].join(' ').trim()}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    >
      {busy && busyText ? busyText : children}
    </button>
  );
}

/** A link that looks like a button (for navigation, e.g. "Lägg till person"). */
export function ButtonLink({ variant = 'secondary', className, ...rest }: LinkProps & { variant?: Variant }) {
  return <Link {...rest} className={['btn', `btn--${variant}`, className ?? ''].join(' ').trim()} />;
}
