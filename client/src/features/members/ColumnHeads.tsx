import { useT } from '../../i18n/index.ts';

/** A members table's header row: the named columns, then an unlabelled one for the row's actions. */
export function ColumnHeads({ labels }: { labels: readonly string[] }) {
  const t = useT();
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">{t('members.actions')}</span>
        </th>
      </tr>
    </thead>
  );
}
