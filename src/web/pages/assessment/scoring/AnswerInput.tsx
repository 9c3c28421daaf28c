/**
 * The input a criterion's rule calls for: a score within [min, points], a level, a measured value with its unit, yes/no, or 合理缺项.
 * Numbers are not clamped here: the engine checks them (live, and again on the server) and says what is allowed.
 */
import { Checkbox, InputNumber, Radio, Select, Space } from 'antd';
import { keyPointInText } from '../../../../shared/contracts/results';
import type { CriterionDef } from '../../../../shared/contracts/scoring';
import type { CaretRef } from '../../../lib/useCaretOnOpen';

interface Props {
  criterion: CriterionDef;
  value: unknown;
  onChange: (answer: unknown) => void;
  disabled?: boolean;
  /** the number box, for the scoring drawer to give it the caret once open (an autoFocus here lost to the drawer's panel) */
  caretRef?: CaretRef;
}

const num = (v: unknown, key: string): number | null => (v && typeof v === 'object' && key in v ? ((v as Record<string, number>)[key] ?? null) : null);

export default function AnswerInput({ criterion: c, value, onChange, disabled, caretRef }: Props) {
  const rule = c.rule as { type: string; min?: number; levels?: number[]; labels?: string[]; unit?: string; valueRange?: [number, number] };
  const na = value === 'na';
  // the input read by the key point's one name in a sentence (「7.a 产品质量安全保障」得分), never a bare code
  const named = keyPointInText(c.key, c.itemTitle);
  let input: React.ReactNode;
  switch (rule.type) {
    case 'direct':
      input = (
        <InputNumber
          ref={caretRef}
          aria-label={`${named}得分`}
          step={0.5}
          disabled={disabled || na}
          value={num(value, 'score')}
          onChange={(v) => onChange(v === null ? undefined : { score: v })}
          addonAfter={`/${c.points}分`}
          style={{ width: 180 }}
        />
      );
      break;
    case 'levels':
      input = (
        <Select
          aria-label={`${named}档次`}
          placeholder="选择档次"
          disabled={disabled || na}
          value={num(value, 'level') ?? undefined}
          onChange={(v: number) => onChange({ level: v })}
          style={{ width: 220 }}
          options={(rule.levels ?? []).map((l, i) => ({ value: l, label: `${l}分${rule.labels?.[i] ? `（${rule.labels[i]}）` : ''}` }))}
        />
      );
      break;
    case 'threshold':
    case 'linear':
    case 'rank':
      input = (
        <InputNumber
          ref={caretRef}
          aria-label={`${named}实测值`}
          disabled={disabled || na}
          value={num(value, 'value')}
          onChange={(v) => onChange(v === null ? undefined : { value: v })}
          addonAfter={rule.unit || undefined}
          placeholder={rule.valueRange ? `${rule.valueRange[0]}～${rule.valueRange[1]}` : '实测值'}
          style={{ width: 180 }}
        />
      );
      break;
    case 'boolean':
      input = (
        <Radio.Group
          aria-label={named}
          optionType="button"
          buttonStyle="solid"
          disabled={disabled || na}
          value={value === true || value === false ? value : undefined}
          onChange={(e) => onChange(e.target.value as boolean)}
          options={c.role === 'veto' ? [{ value: true, label: '发生' }, { value: false, label: '未发生' }] : [{ value: true, label: '是' }, { value: false, label: '否' }]}
        />
      );
      break;
    default:
      input = <span>不支持的评分方法 {rule.type}</span>;
  }
  return (
    <Space direction="vertical" size={4}>
      {input}
      {c.notApplicable && (
        <Checkbox checked={na} disabled={disabled} onChange={(e) => onChange(e.target.checked ? 'na' : undefined)}>
          合理缺项（{c.notApplicable}）
        </Checkbox>
      )}
    </Space>
  );
}
