/** One score: the right input for the rule with the engine's live preview, a comment, evidence, and the city's self-report on the item. */
import { useState } from 'react';
import { Alert, App, Button, Divider, Input, Space, Typography } from 'antd';
import type { Framework } from '../../../../shared/scoring';
import type { CriterionDef, ScoreCell, SelfReportItem } from '../../../../shared/contracts/scoring';
import { keyPointLabel, scoreCellInText } from '../../../../shared/contracts/results';
import { isApiError } from '../../../api/client';
import { clearScore, saveScore } from '../../../api/scoring';
import { formatDateTime } from '../../../lib/format';
import AnswerInput from './AnswerInput';
import ConflictModal from './ConflictModal';
import EvidenceList from './EvidenceList';
import { previewAnswer } from './engine';
import type { CaretRef } from '../../../lib/useCaretOnOpen';

interface Props {
  cycleId: number;
  framework: Framework;
  unit: { id: number; code: string; name: string };
  criterion: CriterionDef;
  cell: ScoreCell | undefined;
  selfReport: SelfReportItem | undefined;
  editable: boolean;
  /** the stored cell after a save, or null once cleared */
  onSaved: (cell: ScoreCell | null) => void;
  /** the answer's number box (AnswerInput), given the caret when the drawer has opened */
  caretRef?: CaretRef;
}

export default function ScoreCellEditor({ cycleId, framework, unit, criterion: c, cell, selfReport, editable, onSaved, caretRef }: Props) {
  const { message } = App.useApp();
  const [answer, setAnswer] = useState<unknown>(cell?.answer);
  const [comment, setComment] = useState<string>(cell?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ message: string; theirs: ScoreCell | null } | null>(null);

  const preview = answer === undefined ? null : previewAnswer(framework, c, answer);
  const dirty = JSON.stringify(answer) !== JSON.stringify(cell?.answer) || (comment || null) !== (cell?.comment ?? null);

  const save = async (version: number | null) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveScore(cycleId, unit.id, c.itemCode, c.criterionCode, { answer, comment: comment.trim() || null, version });
      onSaved(saved);
      setConflict(null);
      message.success(`已保存${scoreCellInText(unit.name, c.key, c.itemTitle)}`);
    } catch (e) {
      if (isApiError(e) && e.status === 409 && e.current !== undefined) setConflict({ message: e.message, theirs: (e.current as ScoreCell | null) ?? null });
      else if (isApiError(e)) setError(e.fields.find((f) => f.field === 'answer' || f.field === 'comment')?.message ?? e.message);
      else setError('保存失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  };

  const clear = async () => {
    if (!cell) return;
    try {
      await clearScore(cycleId, unit.id, c.itemCode, c.criterionCode, cell.version);
      onSaved(null);
      setAnswer(undefined);
      setComment('');
    } catch (e) {
      if (isApiError(e) && e.status === 409 && e.current !== undefined) setConflict({ message: e.message, theirs: (e.current as ScoreCell | null) ?? null });
      else setError(isApiError(e) ? e.message : '清除失败');
    }
  };

  return (
    <div style={{ width: 380 }} data-testid={`score-editor-${unit.code}-${c.key}`}>
      <Typography.Text strong>
        {unit.name} · {keyPointLabel(c.key, c.itemTitle)}
      </Typography.Text>
      <div>{c.title}</div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
        分值{c.points}分{c.details.length ? `；要点：${c.details.map((d) => `${d.text}（${d.points}分）`).join('；')}` : ''}
      </Typography.Paragraph>
      <AnswerInput criterion={c} value={answer} onChange={setAnswer} disabled={!editable} caretRef={caretRef} />
      {preview && (
        <div style={{ marginTop: 6 }}>
          {preview.ok ? (
            <Typography.Text type="success">
              得分{preview.score}：{preview.explanation}
            </Typography.Text>
          ) : (
            <Typography.Text type="danger">{preview.message}</Typography.Text>
          )}
        </div>
      )}
      <Input.TextArea
        style={{ marginTop: 8 }}
        rows={2}
        maxLength={1000}
        placeholder="扣分理由（失分时必填；被考核单位在结果和反馈中可见）"
        value={comment}
        disabled={!editable}
        onChange={(e) => setComment(e.target.value)}
        aria-label="扣分理由"
      />
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} />}
      {cell && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          第{cell.version}版，{cell.updatedBy?.name ?? ''}于{formatDateTime(cell.updatedAt)}保存
        </Typography.Paragraph>
      )}
      {editable && (
        <Space style={{ marginTop: 8 }}>
          <Button type="primary" size="small" loading={saving} disabled={!dirty || answer === undefined || (preview !== null && !preview.ok)} onClick={() => save(cell?.version ?? null)}>
            保存
          </Button>
          {cell && (
            <Button size="small" danger onClick={clear}>
              清除评分
            </Button>
          )}
        </Space>
      )}
      <Divider style={{ margin: '10px 0' }} plain orientation="left">
        佐证材料
      </Divider>
      <EvidenceList
        items={cell?.evidence ?? []}
        owner={cell ? { cycleId, ownerType: 'score', ownerId: cell.id } : null}
        editable={editable}
        onChange={(items) => cell && onSaved({ ...cell, evidence: items })}
      />
      <Divider style={{ margin: '10px 0' }} plain orientation="left">
        {unit.name}的自评材料（第{c.itemCode}项）
      </Divider>
      {selfReport ? (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto' }}>{selfReport.text}</Typography.Paragraph>
          <EvidenceList items={selfReport.evidence} owner={null} editable={false} onChange={() => undefined} />
        </>
      ) : (
        <Typography.Text type="secondary">该单位尚未提交本项自评材料</Typography.Text>
      )}
      {conflict && (
        <ConflictModal
          open
          message={conflict.message}
          criterion={c}
          mine={answer}
          theirs={conflict.theirs}
          onCancel={() => setConflict(null)}
          onTakeTheirs={() => {
            onSaved(conflict.theirs);
            setAnswer(conflict.theirs?.answer);
            setComment(conflict.theirs?.comment ?? '');
            setConflict(null);
          }}
          onOverwrite={() => void save(conflict.theirs?.version ?? null)}
        />
      )}
    </div>
  );
}
