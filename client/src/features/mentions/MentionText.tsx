// A comment's, reply's or evidence note's text with each mention shown by the member's current name.
import { splitMentions } from '../../../../shared/feedback/mentions.ts';
import { useT } from '../../i18n/index.ts';
import { useMentionDirectory } from './MentionDirectory.tsx';
import { labelOf } from './mentionText.ts';

export function MentionText({ text }: { text: string }) {
  const t = useT();
  const directory = useMentionDirectory();
  const parts = splitMentions(text);
  return (
    <>
      {parts.map((part, i) => {
        if (part.kind === 'text') return part.text;
        const label = labelOf(part.target, directory);
        const shown =
          label.kind === 'team'
            ? label.handle
            : label.kind === 'member'
              ? `@${label.name}`
              : label.kind === 'former'
                ? t('mentions.former', { name: label.name })
                : t('mentions.unknown');
        return (
          <span key={i} className={`mention mention--${label.kind}`} data-mention={label.kind}>
            {shown}
          </span>
        );
      })}
    </>
  );
}
