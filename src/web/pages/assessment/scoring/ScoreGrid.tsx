/**
 * The scoring grid: assessed units (rows) × the caller's criteria (columns), edited with the keyboard as in
 * Excel. Type in a cell (what the rule takes: a score, a level, a measured value, 是/否, 合理缺项); Enter moves
 * down, Tab right (Shift reverses), arrows move, Esc cancels; a column or block copied from Excel pastes into
 * consecutive cells, each saved as one save is (version checked: a 409 shows on the cell, nothing is overwritten);
 * two columns (score, 扣分理由) paste as one column with the reasons saved beside the scores.
 * A score that loses points asks for its 扣分理由 before it is saved. The live total per unit is the engine's,
 * over what is saved and what is typed. The 📎 button of a cell opens the drawer (evidence, reason, self-report).
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { PaperClipOutlined } from '@ant-design/icons';
import type { CriterionDef, ScoreCell, ScoringGrid } from '../../../../shared/contracts/scoring';
import { answerFromText, answerToText, inputHint, sameAnswer } from '../../../../shared/scoring/cell-text';
import { checkEnteredAnswer, pointsLost, reasonProblem } from '../../../../shared/scoring';
import { missingLabel, scoreCellInText } from '../../../../shared/contracts/results';
import { isApiError } from '../../../api/client';
import { saveScore } from '../../../api/scoring';
import ScoreCellEditor from './ScoreCellEditor';
import SheetPanel from './SheetPanel';
import { isInspectionItem } from '../../../../shared/honours/inspection';
import InspectionIncentives from '../../../components/InspectionIncentives';
import SubmitButton from './SubmitButton';
import { useAccess } from '../../../access';
import { answerText, RULE_HINT, unitTotal } from './engine';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';
import { useLeaveWarning } from '../../../lib/useLeaveWarning';
import { MOVE_KEYS, moveFrom, parseClipboard, pasteTargets, scoreReasonBlock, type MoveKey, type Pos } from './gridKeys';

type Unit = ScoringGrid['units'][number];
const k = (unitId: number, key: string) => `${unitId}/${key}`;

interface Props {
  cycleId: number;
  grid: ScoringGrid;
  onChange: (grid: ScoringGrid) => void;
  reload: () => void;
  /** another page of units (when the grid came a page at a time) */
  onPage?: (page: number) => void;
}

function CriterionHeader({ c }: { c: CriterionDef }) {
  return (
    <Tooltip
      title={
        <div style={{ maxWidth: 360 }}>
          <div>{c.itemTitle}</div>
          <div>{c.title}</div>
          {c.details.map((d, i) => (
            <div key={i}>
              · {d.text}（{d.points}分）
            </div>
          ))}
          <div>评价部门：{c.evaluators.map((e) => e.name).join('、')}</div>
        </div>
      }
    >
      <div style={{ lineHeight: 1.3, whiteSpace: 'normal' }}>
        <div>
          <Typography.Text strong>{c.key}</Typography.Text> {c.role === 'bonus' ? <Tag color="green">加分</Tag> : c.role === 'deduction' ? <Tag color="orange">减分</Tag> : c.role === 'veto' ? <Tag color="red">否决</Tag> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.points}分 · {RULE_HINT[c.rule.type] ?? c.rule.type}
          </Typography.Text>
        </div>
        <div style={{ fontSize: 12, fontWeight: 'normal', display: '-webkit-box', WebkitLineClamp: 4, WebkitBoxOrient: 'vertical', overflow: 'hidden' }} data-testid={`title-${c.key}`}>
          {c.title}
        </div>
      </div>
    </Tooltip>
  );
}

/** the values a cell of this rule offers as it is typed in (是/否, the levels, 合理缺项) */
function choices(c: CriterionDef): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  if (c.rule.type === 'boolean') out.push({ value: '是', label: c.role === 'veto' ? '发生（否决）' : '符合' }, { value: '否', label: c.role === 'veto' ? '未发生' : '不符合' });
  if (c.rule.type === 'levels') c.rule.levels.forEach((l, i) => out.push({ value: String(l), label: `${l}分${c.rule.type === 'levels' && c.rule.labels?.[i] ? `（${c.rule.labels[i]}）` : ''}` }));
  if (c.notApplicable) out.push({ value: '合理缺项', label: c.notApplicable });
  return out;
}

/** what the engine makes of a typed text: the answer, its score and the points it loses, or what to fix */
type Judged = { ok: true; answer: unknown; score: string; lost: string | null } | { ok: false; message: string } | { ok: true; answer: null };

function judge(grid: ScoringGrid, c: CriterionDef, text: string): Judged {
  const parsed = answerFromText(c.rule, text);
  if (!parsed.ok) return parsed;
  if (parsed.answer === null) return { ok: true, answer: null };
  const r = checkEnteredAnswer(grid.framework, c.itemCode, c.criterionCode, parsed.answer);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, answer: parsed.answer, score: r.score, lost: pointsLost(grid.framework, c.itemCode, r, parsed.answer) };
}

/** the points a saved answer loses (pointsLost), null when none or when the engine no longer takes it */
function savedLost(grid: ScoringGrid, c: CriterionDef, answer: unknown): string | null {
  const r = checkEnteredAnswer(grid.framework, c.itemCode, c.criterionCode, answer);
  return r.ok ? pointsLost(grid.framework, c.itemCode, r, answer) : null;
}

/**
 * Whether a new answer needs its reason asked (again): it loses points and the cell has no reason, or its reason was
 * written for other lost points (14 → 12 loses 2.5, not the 0.5 the saved 「扣 0.5 分」 says) — asked with that reason
 * in the box, to keep or correct.
 */
function reasonToAsk(grid: ScoringGrid, c: CriterionDef, lost: string | null, cell: ScoreCell | undefined): boolean {
  if (lost === null) return false;
  if (!cell?.comment) return true;
  return savedLost(grid, c, cell.answer) !== lost;
}

export default function ScoreGrid({ cycleId, grid, onChange, reload, onPage }: Props) {
  const { message } = App.useApp();
  const mayReopen = useAccess().can('score.monitor');
  const [open, setOpen] = useState<{ unit: Unit; c: CriterionDef } | null>(null);
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState<Set<string>>(new Set());
  /** the reason prompt; `was`: the points the saved reason was written for, when the cell has one (asked again) */
  const [ask, setAsk] = useState<{ unit: Unit; c: CriterionDef; answer: unknown; lost: string; was: string | null; at: Pos; then: Pos | null; reason: string } | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const reasonRef = useRef<TextAreaRef>(null);
  /** the 评分 drawer's number box (AnswerInput) takes the caret once the drawer has opened */
  const scoreCaret = useCaretOnOpen();
  /** where the focus goes when the reason prompt has closed */
  const afterAsk = useRef<Pos | null>(null);
  /** the prompt is asked for but its box has not the caret yet: keys typed meanwhile belong to the reason, not the cell */
  const opening = useRef(false);
  // the grid as last rendered, for saves that finish after a re-render
  const gridRef = useRef(grid);
  gridRef.current = grid;
  // closing or reloading the tab with a score typed and not saved (being saved, refused, or waiting for its 扣分理由):
  // the browser asks first — the typed text is in no cell yet, and a reload showed the cell empty again
  useLeaveWarning(() => drafts.size > 0 || saving.size > 0 || ask !== null);

  const cells = useMemo(() => new Map(grid.cells.map((c) => [k(c.unitId, `${c.itemCode}.${c.criterionCode}`), c])), [grid.cells]);
  const reports = useMemo(() => new Map(grid.selfReports.map((r) => [`${r.unitId}/${r.itemCode}`, r])), [grid.selfReports]);
  const own = grid.criteria.filter((c) => c.editable);
  const editCols = grid.editable ? own : [];
  const missing = grid.editable ? grid.units.flatMap((u) => own.filter((c) => !cells.has(k(u.id, c.key))).map((c) => missingLabel(u.name, c.key, c.itemTitle))) : [];

  const setIn = <T,>(set: React.Dispatch<React.SetStateAction<Map<string, T>>>, key: string, value: T | undefined) =>
    set((m) => {
      const n = new Map(m);
      if (value === undefined) n.delete(key);
      else n.set(key, value);
      return n;
    });

  const replaceCell = (unitId: number, c: CriterionDef, cell: ScoreCell | null) => {
    const g = gridRef.current;
    const rest = g.cells.filter((x) => !(x.unitId === unitId && x.itemCode === c.itemCode && x.criterionCode === c.criterionCode));
    const next = { ...g, cells: cell ? [...rest, cell] : rest };
    gridRef.current = next;
    onChange(next);
  };

  const focus = (pos: Pos | null) => {
    if (!pos) return;
    const el = inputs.current.get(`${pos.row}:${pos.col}`);
    if (el) {
      el.focus();
      el.select();
    }
  };

  /**
   * Saves of one cell run one after another: a second save typed while the first is on its way waits for it and
   * sends the version it returned. Sent together, both carried the same version, and the second came back as a
   * conflict with "another window" of one's own (fast typing with Enter, the reason prompt, a paste over a cell).
   */
  const chains = useRef(new Map<string, Promise<unknown>>());
  const save = (unit: Unit, c: CriterionDef, answer: unknown, comment?: string | null): Promise<boolean> => {
    const key = k(unit.id, c.key);
    const run = (chains.current.get(key) ?? Promise.resolve()).then(() => saveNow(unit, c, answer, comment));
    chains.current.set(key, run);
    void run.finally(() => {
      if (chains.current.get(key) === run) chains.current.delete(key);
    });
    return run;
  };

  /** save one answer (the cell's version as last seen); a 409 keeps the typed text and shows the other person's score */
  const saveNow = async (unit: Unit, c: CriterionDef, answer: unknown, comment?: string | null): Promise<boolean> => {
    const key = k(unit.id, c.key);
    const cell = gridRef.current.cells.find((x) => x.unitId === unit.id && x.itemCode === c.itemCode && x.criterionCode === c.criterionCode);
    setSaving((s) => new Set(s).add(key));
    try {
      const saved = await saveScore(cycleId, unit.id, c.itemCode, c.criterionCode, { answer, ...(comment !== undefined ? { comment } : {}), version: cell?.version ?? null });
      replaceCell(unit.id, c, saved);
      setIn(setDrafts, key, undefined);
      setIn(setErrors, key, undefined);
      return true;
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        const theirs = (e.current as ScoreCell | null | undefined) ?? null;
        if (e.current !== undefined) replaceCell(unit.id, c, theirs);
        setIn(setErrors, key, `${e.message}${theirs ? `（现为${answerToText(theirs.answer)}；再按 Enter 以您的评分覆盖）` : ''}`);
      } else setIn(setErrors, key, isApiError(e) ? (e.fields[0]?.message ?? e.message) : '保存失败，请稍后重试');
      return false;
    } finally {
      setSaving((s) => {
        const n = new Set(s);
        n.delete(key);
        return n;
      });
    }
  };

  /**
   * The text each cell was last committed with (by a move key, or on leaving it): leaving a cell commits what was typed
   * (a click elsewhere had left 「（未保存）」 counted in the totals and lost on reload), but not again what a move key
   * has just committed and is saving, or has asked the reason for.
   */
  const committed = useRef(new Map<string, string>());
  const onLeave = (row: number, col: number) => {
    const key = k(grid.units[row].id, editCols[col].key);
    const text = drafts.get(key);
    if (text !== undefined && committed.current.get(key) !== text) commit(row, col, null);
  };

  /**
   * Commit the text of a cell: nothing to do when unchanged; what to fix on the cell when it cannot be saved;
   * the reason asked for when it loses points and has none; else saved in the background. True: move on.
   */
  const commit = (row: number, col: number, then: Pos | null): boolean => {
    const unit = grid.units[row];
    const c = editCols[col];
    const key = k(unit.id, c.key);
    const text = drafts.get(key);
    if (text === undefined) return true;
    committed.current.set(key, text);
    const cell = cells.get(key);
    const j = judge(grid, c, text);
    if (!j.ok) {
      setIn(setErrors, key, j.message);
      return false;
    }
    if (j.answer === null) {
      // an emptied cell: a saved score is cleared in the drawer, not by deleting text
      setIn(setDrafts, key, undefined);
      if (cell) setIn(setErrors, key, undefined);
      return true;
    }
    if (cell && sameAnswer(cell.answer, j.answer) && !errors.has(key)) {
      setIn(setDrafts, key, undefined);
      return true;
    }
    if ('lost' in j && j.lost !== null && reasonToAsk(grid, c, j.lost, cell)) {
      const was = cell?.comment ? (savedLost(grid, c, cell.answer) ?? '0') : null;
      opening.current = true;
      setAsk({ unit, c, answer: j.answer, lost: j.lost, was, at: { row, col }, then, reason: cell?.comment ?? '' });
      return false;
    }
    void save(unit, c, j.answer);
    return true;
  };

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const key = k(grid.units[row].id, editCols[col].key);
    if (opening.current) {
      // typed on after Enter before the prompt took the caret: the characters go to the reason, nothing to the cell
      e.preventDefault();
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) setAsk((a) => a && { ...a, reason: a.reason + e.key });
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      committed.current.delete(key);
      setIn(setDrafts, key, undefined);
      setIn(setErrors, key, undefined);
      return;
    }
    if (!MOVE_KEYS.includes(e.key)) return;
    const el = e.currentTarget;
    if (e.key === 'ArrowLeft' && (el.selectionStart ?? 0) > 0 && el.selectionStart === el.selectionEnd) return;
    if (e.key === 'ArrowRight' && (el.selectionEnd ?? 0) < el.value.length && el.selectionStart === el.selectionEnd) return;
    e.preventDefault();
    const to = moveFrom({ row, col }, e.key as MoveKey, e.shiftKey, grid.units.length, editCols.length);
    if (commit(row, col, to)) focus(to);
  };

  /**
   * Paste a block copied from Excel: each cell is judged and saved as one save is, cell by cell — the valid ones
   * save, the others stay red with what to fix (no all-or-nothing). Two columns (score, 扣分理由) fill one
   * column with the reasons saved beside the scores; a score that loses points with no reason (pasted or
   * already saved) is refused, naming the city and the criterion.
   */
  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>, row: number, col: number) => {
    const block = parseClipboard(e.clipboardData.getData('text/plain'));
    if (block.length <= 1 && (block[0]?.length ?? 0) <= 1) return; // one value: the input's own paste
    e.preventDefault();
    const next = editCols[col + 1];
    const pairs = scoreReasonBlock(block, next ? (t) => answerFromText(next.rule, t).ok : null);
    const { targets, clipped } = pasteTargets({ row, col }, pairs ? pairs.map((p) => [p.score]) : block, grid.units.length, editCols.length);
    const reasonAt = (pos: Pos) => (pairs ? (pairs[pos.row - row]?.reason ?? '') : '');
    void (async () => {
      let saved = 0;
      const refused: string[] = [];
      let unusedReasons = 0;
      for (const t of targets) {
        const unit = grid.units[t.pos.row];
        const c = editCols[t.pos.col];
        const key = k(unit.id, c.key);
        const cell = gridRef.current.cells.find((x) => x.unitId === unit.id && x.itemCode === c.itemCode && x.criterionCode === c.criterionCode);
        const reason = reasonAt(t.pos);
        setIn(setDrafts, key, t.text);
        // judged here, as a paste: leaving the cell does not judge it again (a refused cell keeps its red until fixed)
        committed.current.set(key, t.text);
        const named = scoreCellInText(unit.name, c.key, c.itemTitle);
        const j = judge(grid, c, t.text);
        if (!j.ok) {
          setIn(setErrors, key, j.message);
          refused.push(`${named}：${j.message}`);
          continue;
        }
        if (j.answer === null) {
          setIn(setDrafts, key, undefined);
          if (reason) unusedReasons++;
          continue;
        }
        const lost = 'lost' in j ? j.lost : null;
        // a reason is kept only for a score that loses points (a full score has nothing to explain)
        if (lost === null && reason) unusedReasons++;
        const comment = lost !== null && reason ? reason : undefined;
        if (cell && sameAnswer(cell.answer, j.answer) && (comment === undefined || comment === cell.comment)) {
          setIn(setDrafts, key, undefined);
          continue;
        }
        if (!comment && reasonToAsk(grid, c, lost, cell)) {
          const why = cell?.comment
            ? `${named}失分变为${lost}分，原扣分理由是按失分${savedLost(grid, c, cell.answer) ?? 0}分写的，未保存`
            : `${named}失分${lost}分，未填写扣分理由，未保存`;
          setIn(setErrors, key, `${why}（可在粘贴的第二列给出理由，或在此格按 Enter 填写）`);
          refused.push(why);
          continue;
        }
        if (await save(unit, c, j.answer, comment)) saved++;
        else refused.push(`${named}：保存失败（见标红的格）`);
      }
      const tail = `${unusedReasons ? `；${unusedReasons}格未失分，其理由未保存` : ''}${clipped ? `；${clipped}格超出表格，未粘贴` : ''}`;
      const what = pairs ? '评分及扣分理由' : '';
      if (refused.length) message.warning(`已粘贴${targets.length}格${what}：保存${saved}格，${refused.length}格未保存——${refused.join('；')}${tail}`, 8);
      else message.success(`已粘贴${targets.length}格${what}，保存${saved}格${tail}`);
    })();
  };

  // the server's rule, checked as the reason is typed: empty, or figures alone ("5" typed into the prompt), is no reason
  const askProblem = ask ? reasonProblem(scoreCellInText(ask.unit.name, ask.c.key, ask.c.itemTitle), ask.lost, ask.reason) : null;
  const confirmReason = async () => {
    if (!ask || askProblem) return;
    const reason = ask.reason.trim();
    const { unit, c, answer, at, then } = ask;
    afterAsk.current = null;
    setAsk(null);
    focus(at);
    if (await save(unit, c, answer, reason)) focus(then);
  };

  /** the engine's total of a unit over what is saved and what is typed (a text the engine refuses is left out) */
  const liveCells = (u: Unit): ScoreCell[] => {
    const mine = grid.cells.filter((c) => c.unitId === u.id);
    const out = new Map(mine.map((c) => [`${c.itemCode}.${c.criterionCode}`, c]));
    for (const c of editCols) {
      const text = drafts.get(k(u.id, c.key));
      if (text === undefined) continue;
      const j = judge(grid, c, text);
      if (j.ok && j.answer !== null) out.set(c.key, { ...(out.get(c.key) ?? ({ unitId: u.id, itemCode: c.itemCode, criterionCode: c.criterionCode } as ScoreCell)), answer: j.answer });
    }
    return [...out.values()];
  };

  const readCell = (u: Unit, c: CriterionDef) => {
    const cell = cells.get(k(u.id, c.key));
    return cell ? (
      <span>
        <Typography.Text strong>{cell.score ?? '—'}</Typography.Text>
        {c.rule.type !== 'direct' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({answerText(cell.answer, c)})
          </Typography.Text>
        )}
      </span>
    ) : (
      <Typography.Text type="secondary">{c.editable ? '未评分' : '—'}</Typography.Text>
    );
  };

  const columns: ColumnsType<Unit> = [
    { title: '被考核单位', dataIndex: 'name', fixed: 'left', width: 110 },
    ...grid.criteria.map((c) => {
      const col = editCols.indexOf(c);
      return {
        key: c.key,
        title: <CriterionHeader c={c} />,
        width: 160,
        render: (_: unknown, u: Unit, row: number) => {
          const key = k(u.id, c.key);
          const cell = cells.get(key);
          const error = errors.get(key);
          // the cell read by the name the grid's messages give it: 长沙市「7.a 产品质量安全保障」, never a bare code
          const named = scoreCellInText(u.name, c.key, c.itemTitle);
          const detail = (
            <Button
              type="text"
              size="small"
              tabIndex={-1}
              icon={<PaperClipOutlined />}
              aria-label={`${named}的评分详情`}
              onClick={() => setOpen({ unit: u, c })}
              style={{ color: '#999' }}
            >
              {cell?.evidence.length ? cell.evidence.length : null}
            </Button>
          );
          if (col < 0)
            return (
              <Space size={2}>
                {readCell(u, c)}
                {detail}
              </Space>
            );
          const draft = drafts.get(key);
          const text = draft ?? (cell ? answerToText(cell.answer) : '');
          const j = draft !== undefined ? judge(grid, c, draft) : null;
          return (
            <div data-testid={`cell-${u.code}-${c.key}`} style={{ minWidth: 140 }}>
              <Space size={2} style={{ width: '100%' }}>
                <input
                  ref={(el) => {
                    if (el) inputs.current.set(`${row}:${col}`, el);
                    else inputs.current.delete(`${row}:${col}`);
                  }}
                  aria-label={`${named}评分`}
                  list={choices(c).length ? `choices-${c.key}` : undefined}
                  aria-invalid={!!error}
                  title={inputHint(c.rule, c.points, !!c.notApplicable)}
                  placeholder={cell ? '' : '未评分'}
                  value={text}
                  onChange={(e) => {
                    setIn(setDrafts, key, e.target.value);
                    setIn(setErrors, key, undefined);
                  }}
                  onKeyDown={(e) => onKey(e, row, col)}
                  onPaste={(e) => onPaste(e, row, col)}
                  onFocus={(e) => e.currentTarget.select()}
                  onBlur={() => onLeave(row, col)}
                  style={{
                    width: 96,
                    padding: '2px 6px',
                    border: `1px solid ${error ? '#ff4d4f' : draft !== undefined ? '#1677ff' : '#d9d9d9'}`,
                    borderRadius: 4,
                    background: cell ? undefined : '#fff7e6',
                    outline: 'none',
                  }}
                />
                {detail}
              </Space>
              <div style={{ fontSize: 12, lineHeight: 1.4 }}>
                {saving.has(key) ? (
                  <Typography.Text type="secondary">保存中…</Typography.Text>
                ) : j && j.ok && 'score' in j ? (
                  <Typography.Text type="secondary">得{j.score}{j.lost ? `，失${j.lost}` : ''}（未保存）</Typography.Text>
                ) : cell ? (
                  <Typography.Text type="secondary">得{cell.score ?? '—'}</Typography.Text>
                ) : null}
                {cell?.comment && (
                  <Tooltip title={`扣分理由：${cell.comment}`}>
                    <div style={{ color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: 150 }} data-testid={`reason-${u.code}-${c.key}`}>
                      理由：{cell.comment}
                    </div>
                  </Tooltip>
                )}
                {error && (
                  <div role="alert" style={{ color: '#ff4d4f', whiteSpace: 'normal', maxWidth: 160 }}>
                    {error}
                  </div>
                )}
              </div>
            </div>
          );
        },
      };
    }),
    {
      key: 'total',
      title: grid.view === 'all' ? '合计' : '本部门评分合计',
      fixed: 'right',
      width: 130,
      render: (_: unknown, u: Unit) => {
        const t = unitTotal(grid.framework, u.code, liveCells(u));
        if (!t) return '—';
        return (
          <span data-testid={`total-${u.code}`}>
            <Typography.Text strong>{t.score}</Typography.Text>
            {t.bonus !== '0' && <Typography.Text type="success"> +{t.bonus}</Typography.Text>}
            {t.deduction !== '0' && <Typography.Text type="danger"> −{t.deduction}</Typography.Text>}
            {t.veto && <Tag color="red">否决</Tag>}
            <div style={{ fontSize: 12, color: '#999' }}>
              已评{t.scored}/{grid.criteria.length}
            </div>
          </span>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {grid.submission?.reopenReason && grid.submission.status === 'open' && (
        <Alert type="warning" showIcon message={`质强办已重新开放评分：${grid.submission.reopenReason}`} />
      )}
      {grid.submission?.status === 'submitted' && (
        // the office scores some points itself and reopens submissions (score.monitor): it is not told to ask itself
        <Alert type="success" showIcon message={mayReopen ? '本单位评分已提交并锁定；如需修改，可在「评分进度」中重新开放（须写明原因）。' : '本部门评分已提交并锁定；如需修改，请联系质强办重新开放。'} />
      )}
      <Space wrap>
        {grid.submission && <Tag color={grid.submission.status === 'submitted' ? 'green' : 'blue'}>{grid.submission.statusLabel}</Tag>}
        {grid.editable && (
          <Typography.Text type="secondary">
            已评{grid.units.length * own.length - missing.length}/{grid.units.length * own.length}项
          </Typography.Text>
        )}
        {grid.editable && <SubmitButton cycleId={cycleId} missing={missing} onSubmitted={reload} />}
      </Space>
      {grid.editable && own.length > 0 && (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            直接在格中输入，Enter 下移、Tab 右移（Shift 反向），方向键移动，Esc 取消；可从 Excel 复制一列或一块粘贴（评分右侧一列为扣分理由时一并保存）；失分须填写扣分理由。也可下载评分表离线填写后上传。
          </Typography.Text>
          <SheetPanel cycleId={cycleId} onUploaded={reload} />
        </>
      )}
      <Table<Unit>
        rowKey="id"
        size="small"
        bordered
        pagination={
          grid.pageSize < grid.unitTotal
            ? { current: grid.page, pageSize: grid.pageSize, total: grid.unitTotal, showSizeChanger: false, onChange: onPage, showTotal: (n) => `共${n}个被考核单位` }
            : false
        }
        columns={columns}
        dataSource={grid.units}
        scroll={{ x: 'max-content' }}
      />
      {editCols.map((c) =>
        choices(c).length ? (
          <datalist key={c.key} id={`choices-${c.key}`}>
            {choices(c).map((o) => (
              <option key={o.value} value={o.value} label={o.label} />
            ))}
          </datalist>
        ) : null,
      )}
      <Modal
        open={!!ask}
        title={ask ? `${scoreCellInText(ask.unit.name, ask.c.key, ask.c.itemTitle)}：${ask.lost === '否决' ? '认定否决' : `失分${ask.lost}分`}，请${ask.was !== null ? '确认' : '填写'}扣分理由` : ''}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ disabled: !!askProblem }}
        onOk={() => void confirmReason()}
        onCancel={() => {
          afterAsk.current = ask?.at ?? null;
          setAsk(null);
        }}
        focusTriggerAfterClose={false}
        // no opening animation: the box takes the caret at once, and what a fast typist types after Enter lands in it
        // (during the 0.3 s zoom the keys went to the grid's cell, and the reason's first character was lost)
        transitionName=""
        maskTransitionName=""
        afterOpenChange={(o) => {
          opening.current = false;
          if (o) reasonRef.current?.focus({ cursor: 'end' });
          else focus(afterAsk.current);
        }}
        destroyOnHidden
      >
        {ask?.was != null && (
          <Typography.Paragraph type="warning" data-testid="reason-was">
            原扣分理由是按{ask.was === '否决' ? '认定否决' : `失分${ask.was}分`}写的，评分改后{ask.lost === '否决' ? '认定否决' : `失分${ask.lost}分`}：请核对理由，必要时修改后保存（被考核单位在结果和反馈中可见）。
          </Typography.Paragraph>
        )}
        <Input.TextArea
          ref={reasonRef}
          autoFocus
          rows={3}
          maxLength={1000}
          aria-label="扣分理由"
          placeholder="如：抽查合格率97.1%，未达98%的目标（被考核单位在结果和反馈中可见）"
          value={ask?.reason ?? ''}
          onChange={(e) => ask && setAsk({ ...ask, reason: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void confirmReason();
            }
          }}
        />
        {ask?.reason.trim() && askProblem ? (
          <Typography.Text type="danger" data-testid="reason-problem">
            {askProblem}
          </Typography.Text>
        ) : null}
      </Modal>
      <Drawer width={440} open={!!open} onClose={() => setOpen(null)} title="评分" afterOpenChange={scoreCaret.afterOpenChange} destroyOnHidden>
        {open && (
          <ScoreCellEditor
            key={`${open.unit.id}/${open.c.key}`}
            cycleId={cycleId}
            framework={grid.framework}
            unit={open.unit}
            criterion={open.c}
            cell={cells.get(k(open.unit.id, open.c.key))}
            selfReport={reports.get(`${open.unit.id}/${open.c.itemCode}`)}
            editable={grid.editable && open.c.editable}
            onSaved={(cell) => replaceCell(open.unit.id, open.c, cell)}
            caretRef={scoreCaret.ref}
          />
        )}
        {open && isInspectionItem(open.c) && <InspectionIncentives cycleId={cycleId} unitId={open.unit.id} criterion={open.c} />}
      </Drawer>
    </Space>
  );
}
