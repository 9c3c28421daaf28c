/**
 * What the review pages share: the application id from the route, the application (its name for the crumbs),
 * the round's score sheet (rules per criterion), and one criterion's answer input as the rule calls for it.
 */
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { ApplicationView, SelfAssessmentView } from '../../../shared/contracts/evaluation';
import type { Criterion, Framework, Item, Rule } from '../../../shared/scoring/framework-schema';
import { inputHint } from '../../../shared/scoring/cell-text';
import { useUser } from '../../access';
import { errorMessage } from '../../api/client';
import { getFramework } from '../../api/frameworks';
import { EVALUATION_FRAMEWORK_ID, getApplication } from '../../api/evaluationReview';

export const APPLICATION_CRUMB = '/evaluation/applications/:id';

/** the application's id from the route (NaN when the address is not a number) */
export function useApplicationId(): number {
  const { id } = useParams();
  return /^\d+$/.test(id ?? '') ? Number(id) : NaN;
}

/** The application (for the crumb's name) and the score sheet; null until loaded or when not readable. */
export function useApplicationAndSheet(id: number, withSheet = true): { app: ApplicationView | null; fw: Framework | null } {
  const [app, setApp] = useState<ApplicationView | null>(null);
  const [fw, setFw] = useState<Framework | null>(null);
  // a member department reads only the applications it was consulted on, and none of these pages
  const department = useUser().role === 'department';
  useEffect(() => {
    if (!Number.isFinite(id)) return;
    let live = true;
    if (!department) getApplication(id).then((a) => live && setApp(a), () => undefined);
    if (withSheet) getFramework(EVALUATION_FRAMEWORK_ID).then((f) => live && setFw(f), () => undefined);
    return () => {
      live = false;
    };
  }, [id, withSheet, department]);
  return { app, fw };
}

/**
 * One sheet's cell saves (the 自评, an expert's sheet), one after another, each sent with the version the one before
 * it returned. The sheet has one version: a choice clicked while the previous cell's save was on its way (a 说明 left
 * by clicking the next criterion's 是) went with the version both had read, and was refused as if another window had
 * changed the sheet — and lost. A real change in another window is still a 409: the page reloads and says so.
 * Returns `save(put)`: resolves to the server's message when refused, else null.
 */
export function useCellSaves<V extends { version: number | null }>(view: V | null, setView: (v: V) => void, reload: () => void) {
  const version = useRef<number | null>(view?.version ?? null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    version.current = view?.version ?? null;
  }, [view?.version]);
  return (put: (version: number | null) => Promise<V>): Promise<string | null> => {
    const run = queue.current.then(async () => {
      try {
        const next = await put(version.current);
        version.current = next.version;
        setView(next);
        return null;
      } catch (err) {
        if ((err as { status?: number }).status === 409) reload();
        return errorMessage(err);
      }
    });
    queue.current = run;
    return run;
  };
}

export const applicationName = (app: ApplicationView | null) => (app ? `${app.applicant.name}（${app.round.year}年度）` : undefined);

/** item code → its criteria definitions and its section */
export function criteriaIndex(fw: Framework | null): Map<string, { item: Item; section: { code: string; title: string } }> {
  const map = new Map<string, { item: Item; section: { code: string; title: string } }>();
  for (const s of fw?.sections ?? []) for (const i of s.items) map.set(i.code, { item: i, section: { code: s.code, title: s.title } });
  return map;
}

/** a level as the 档次 choice names it: 8分（良好） */
const levelLabel = (rule: Extract<Rule, { type: 'levels' }>, level: number) => {
  const label = rule.labels?.[rule.levels.indexOf(level)];
  return `${level}分${label ? `（${label}）` : ''}`;
};

const num = (v: unknown, key: string): number | null => (v && typeof v === 'object' && key in v ? ((v as Record<string, number>)[key] ?? null) : null);

interface InputProps {
  label: string;
  criterion: Criterion;
  value: unknown;
  disabled?: boolean;
  /** a choice (yes/no, a level) is final at once; a number when the field is left or Enter pressed */
  onChange: (answer: unknown) => void;
  onCommit: (answer: unknown) => void;
}

/** The input a criterion's rule calls for: yes/no, a level, a measured value with its unit, or a score. */
export function RuleInput({ label, criterion: c, value, disabled, onChange, onCommit }: InputProps) {
  const rule = c.rule;
  const hint = inputHint(rule, c.points, false);
  switch (rule.type) {
    case 'boolean':
      return (
        <Radio.Group
          aria-label={label}
          optionType="button"
          buttonStyle="solid"
          disabled={disabled}
          value={value === true || value === false ? value : undefined}
          onChange={(e) => onCommit(e.target.value as boolean)}
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
        />
      );
    case 'levels':
      return (
        <Select
          aria-label={label}
          placeholder="选择档次"
          disabled={disabled}
          value={num(value, 'level') ?? undefined}
          onChange={(v: number) => onCommit({ level: v })}
          style={{ width: 240 }}
          options={rule.levels.map((l) => ({ value: l, label: levelLabel(rule, l) }))}
        />
      );
    case 'direct': {
      const v = num(value, 'score');
      return (
        <InputNumber
          aria-label={label}
          title={hint}
          step={0.5}
          disabled={disabled}
          value={v}
          onChange={(x) => onChange(x === null ? undefined : { score: x })}
          onBlur={() => onCommit(value)}
          onPressEnter={() => onCommit(value)}
          addonAfter={`/ ${c.points}分`}
          style={{ width: 180 }}
        />
      );
    }
    default: {
      const unit = 'unit' in rule ? rule.unit : undefined;
      return (
        <InputNumber
          aria-label={label}
          title={rule.type === 'rank' ? '填实测值，按同级城市排名计分' : `填实测值${'valueRange' in rule && rule.valueRange ? `（${rule.valueRange[0]}～${rule.valueRange[1]}）` : ''}`}
          disabled={disabled}
          value={num(value, 'value')}
          onChange={(x) => onChange(x === null ? undefined : { value: x })}
          onBlur={() => onCommit(value)}
          onPressEnter={() => onCommit(value)}
          addonAfter={unit || undefined}
          placeholder="实测值"
          style={{ width: 200 }}
        />
      );
    }
  }
}

/**
 * A stored answer as its input shows it on the 自评 page and the sheet (RuleInput): 是 / 否, the 档次 as its choice
 * names it, a score out of the criterion's points, a measured value with its unit.
 */
export function answerAsEntered(c: Criterion, answer: unknown): string {
  if (answer === null || answer === undefined) return '未自评';
  if (answer === 'na') return '合理缺项';
  if (answer === true) return '是';
  if (answer === false) return '否';
  const rule = c.rule;
  if (rule.type === 'levels') return levelLabel(rule, num(answer, 'level') ?? NaN);
  if (rule.type === 'direct') return `${num(answer, 'score')} / ${c.points}分`;
  return `${num(answer, 'value')}${'unit' in rule && rule.unit ? rule.unit : ''}`;
}

export type SelfCriterion = SelfAssessmentView['items'][number]['criteria'][number];

/**
 * The applicant's 自评 of one criterion, read-only on the expert's sheet, compact: its answer as the 自评 page shows
 * it (a 档次's long name cut at the width of the 自评 page's choice, whole on hover — the criterion's text is just
 * above) with the engine's score of it, and under it the applicant's 说明 (two lines, then 展开 to read it whole).
 */
export function SelfLine({ itemCode, criterion, self }: { itemCode: string; criterion: Criterion; self: SelfCriterion }) {
  const answer = answerAsEntered(criterion, self.answer);
  return (
    <div data-testid={`self-${itemCode}.${criterion.code}`} style={{ margin: '2px 0 0', padding: '0 6px', background: '#fafafa', borderLeft: '2px solid #d9d9d9', color: 'rgba(0, 0, 0, 0.45)' }}>
      <div style={{ display: 'flex', alignItems: 'baseline' }}>
        {/* one text with its label, so that the answer (是) is never taken for the input's own choice */}
        <Typography.Text type="secondary" ellipsis={{ tooltip: answer }} style={{ maxWidth: 280 }}>
          {`自评：${answer}`}
        </Typography.Text>
        {self.score !== null && <span style={{ whiteSpace: 'nowrap' }}>，得{self.score}分</span>}
      </div>
      {self.note && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
          {`说明：${self.note}`}
        </Typography.Paragraph>
      )}
    </div>
  );
}

export interface CriterionRowProps {
  itemCode: string;
  criterion: Criterion;
  /** what is stored */
  answer: unknown;
  text: string | null;
  score: string | null;
  explanation?: string | null;
  /** the applicant's 自评 of this criterion, shown read-only under its title (the expert's sheet) */
  self?: SelfCriterion;
  notApplicable: boolean;
  editable: boolean;
  /** the free text beside the answer: 扣分理由 (sheet) or 说明 (自评) */
  textLabel: string;
  textPlaceholder: string;
  /** saves the answer with the text; resolves to the server's message when refused, else null */
  onSave: (answer: unknown, text: string) => Promise<string | null>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** One criterion: its title and points, the input, the free text, the engine's score, and the server's refusal beside them. */
export function CriterionRow(p: CriterionRowProps) {
  const key = `${p.itemCode}.${p.criterion.code}`;
  const [draft, setDraft] = useState<unknown>(p.answer);
  const [text, setText] = useState(p.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inflight = useRef(false);
  useEffect(() => setDraft(p.answer), [p.answer]);
  useEffect(() => setText(p.text ?? ''), [p.text]);

  const save = async (answer: unknown, note: string) => {
    if (answer === undefined || answer === null) {
      // the text is stored with the answer: typed before any answer, it would be dropped at the next reload unsaid
      if (note.trim() !== (p.text ?? '').trim()) setError(`${p.textLabel}尚未保存：请先选择或填写本条的评分，${p.textLabel}随评分一并保存`);
      return;
    }
    if (inflight.current || (same(answer, p.answer) && note.trim() === (p.text ?? '').trim())) return;
    inflight.current = true;
    setSaving(true);
    try {
      setError(await p.onSave(answer, note));
    } finally {
      inflight.current = false;
      setSaving(false);
    }
  };

  return (
    <div className="kp-eval-criterion" data-testid={`criterion-${key}`} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <div style={{ flex: '1 1 360px', minWidth: 0 }}>
          <Typography.Text strong>{key}</Typography.Text> <Typography.Text>{p.criterion.title}</Typography.Text>{' '}
          <Typography.Text type="secondary">（{p.criterion.points}分）</Typography.Text>
          {p.explanation && (
            <div>
              <Typography.Text type="secondary">{p.explanation}</Typography.Text>
            </div>
          )}
          {p.self && !p.notApplicable && <SelfLine itemCode={p.itemCode} criterion={p.criterion} self={p.self} />}
        </div>
        {p.notApplicable ? (
          <Typography.Text type="secondary">合理缺项（评价工作方案认定）</Typography.Text>
        ) : (
          <Space align="start" wrap>
            <RuleInput label={`${key} 评分`} criterion={p.criterion} value={draft} disabled={!p.editable || saving} onChange={setDraft} onCommit={(a) => {
                setDraft(a);
                void save(a, text);
              }} />
            {(p.editable || text) && (
              <Input.TextArea
                aria-label={`${key} ${p.textLabel}`}
                placeholder={p.textPlaceholder}
                autoSize={{ minRows: 1, maxRows: 4 }}
                style={{ width: 280 }}
                disabled={!p.editable || saving}
                value={text}
                onChange={(e) => setText(e.target.value)}
                onBlur={() => void save(draft, text)}
              />
            )}
            <Typography.Text data-testid={`score-${key}`} style={{ minWidth: 64, display: 'inline-block' }}>
              {p.score === null ? '未评' : `${p.score}分`}
            </Typography.Text>
          </Space>
        )}
      </div>
      {error && (
        <Typography.Text type="danger" role="alert" data-testid={`error-${key}`}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
