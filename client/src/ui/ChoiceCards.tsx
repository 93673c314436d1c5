import type { LucideIcon } from 'lucide-react';
import { RadioGroup } from 'radix-ui';

export interface Choice<T extends string> {
  value: T;
  icon: LucideIcon;
  name: string;
  hint: string;
}

/** A radio group drawn as cards (icon, name, hint): arrow keys move, Space picks. */
export function ChoiceCards<T extends string>({
  choices,
  value,
  onChange,
  label,
  invalid = false,
}: {
  choices: readonly Choice<T>[];
  value: T | '';
  onChange: (value: T) => void;
  label: string;
  invalid?: boolean;
}) {
  return (
    <RadioGroup.Root
      className="choice-cards"
      value={value}
      onValueChange={(next) => onChange(next as T)}
      aria-label={label}
      aria-invalid={invalid}
    >
      {choices.map(({ value: choice, icon: Icon, name, hint }) => (
        <RadioGroup.Item key={choice} value={choice} className="choice-card" data-value={choice}>
          <Icon aria-hidden size={20} />
          <span className="choice-card__name">{name}</span>
          <span className="choice-card__hint">{hint}</span>
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  );
}
