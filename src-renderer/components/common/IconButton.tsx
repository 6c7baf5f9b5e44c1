import type { ButtonHTMLAttributes } from 'react';
import { Icon, type IconName } from './Icon.js';

interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  label: string;
  /** Shown next to the icon; without it the button is icon-only (label becomes the tooltip). */
  text?: string;
  pressed?: boolean;
}

export function IconButton({ icon, label, text, pressed, className, ...rest }: IconButtonProps) {
  const classes = ['btn', text ? 'btn-text' : 'btn-icon', className].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      {...rest}
    >
      <Icon name={icon} />
      {text && <span>{text}</span>}
    </button>
  );
}
