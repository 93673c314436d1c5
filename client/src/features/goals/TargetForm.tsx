import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { TargetInput } from '../../../../shared/persona/targets.ts';
import type { Metric } from '../../../../shared/scorecard/metrics.ts';
import { isMetric, METRIC_UNITS, METRICS } from '../../../../shared/scorecard/metrics.ts';
import { periodOf } from '../../../../shared/scorecard/periods.ts';
import { useT } from '../../i18n/index.ts';
import { metricLabel } from './format.ts';
import { PeriodPicker } from './PeriodPicker.tsx';

/** The value typed, as a target's number; null when it is not one the metric takes. */
export function parseTargetValue(metric: Metric, text: string): number | null {
  const normalized = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  const value = Number(normalized);
  if (METRIC_UNITS[metric] === 'percent' && value > 100) return null;
  return value;
}

export interface TargetFormProps {
  initial?: TargetInput;
  onSubmit: (input: TargetInput) => void;
  onCancel: () => void;
}

/** Propose or change a target: the figure, its value and the period. */
export function TargetForm({ initial, onSubmit, onCancel }: TargetFormProps) {
  const t = useT();
  const metricId = useId();
  const valueId = useId();
  const errorId = useId();
  const [metric, setMetric] = useState<Metric>(initial?.metric ?? 'winRate');
  const [value, setValue] = useState(initial ? String(initial.value) : '');
  const [period, setPeriod] = useState(initial?.period ?? periodOf('quarter', new Date()));
  const [touched, setTouched] = useState(false);
  const parsed = parseTargetValue(metric, value);
  const invalid = touched && parsed === null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (parsed === null) return;
    onSubmit({ metric, value: parsed, period });
  }

  return (
    <form className="target-form" aria-label={initial ? t('goals.form.edit') : t('goals.form.new')} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} data-testid="target-form">
      <div className="target-form__row">
        <div className="field">
          <label className="field__label" htmlFor={metricId}>
            {t('goals.metric')}
          </label>
          <select id={metricId} className="input" value={metric} onChange={(e) => isMetric(e.target.value) && setMetric(e.target.value)} autoFocus>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {metricLabel(t, m)}
              </option>
            ))}
          </select>
        </div>
        <div className="field target-form__value">
          <label className="field__label" htmlFor={valueId}>
            {t('goals.value')}
            {METRIC_UNITS[metric] === 'percent' ? ' (%)' : METRIC_UNITS[metric] === 'days' ? ` (${t('goals.unit.days.other', { count: '' }).trim()})` : ''}
          </label>
          <input
            id={valueId}
            className="input"
            inputMode="decimal"
            value={value}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(e) => setValue(e.target.value)}
            onBlur={() => setTouched(true)}
          />
        </div>
      </div>
      {invalid ? (
        <p id={errorId} className="form-error" role="alert">
          {METRIC_UNITS[metric] === 'percent' ? t('goals.value.percent') : t('goals.value.invalid')}
        </p>
      ) : null}
      <PeriodPicker value={period} onChange={setPeriod} />
      {initial ? <p className="target-form__warning">{t('goals.staleWarning')}</p> : null}
      <div className="target-form__actions">
        <button type="button" className="button button--small button--ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--small button--primary" data-testid="target-save">
          {initial ? t('goals.save') : t('goals.add')}
        </button>
      </div>
    </form>
  );
}
