/**
 * Annex 1 (指标申报表) as a form: per key point — domain, item, key point, its criteria with points, the key
 * point's points, basis, and a reason when the points exceed last year's. Problems (shared checks, server
 * fields) show under the field they concern.
 */
import { Button, Card, Col, Form, Input, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { isOverLastYear, pointsText, pointsTotalText, type IndicatorRow } from '../../../../shared/contracts/declarations';
import { fieldLabel } from '../../../../shared/contracts/field-labels';

type Problems = Map<string, string[]>;

const help = (problems: Problems, field: string) => {
  const msgs = problems.get(field);
  return msgs ? { validateStatus: 'error' as const, help: msgs.join('；') } : {};
};

export const emptyIndicator = (): IndicatorRow => ({
  domain: '',
  item: '',
  keyPoint: '',
  criteria: [{ text: '', points: 0 }],
  points: 0,
  basis: '',
  lastYearPoints: null,
  sourceCode: null,
});

export default function IndicatorEditor({
  rows,
  onChange,
  problems,
  disabled,
}: {
  rows: IndicatorRow[];
  onChange: (rows: IndicatorRow[]) => void;
  problems: Problems;
  disabled: boolean;
}) {
  const update = (i: number, patch: Partial<IndicatorRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {rows.map((r, i) => {
        const p = `indicators.${i}`;
        // exact, or — while a figure is finer than two decimals (the contract refuses it; no rounded total stands in)
        const total = pointsTotalText(r.criteria.map((c) => c.points ?? 0));
        const over = isOverLastYear(r);
        // the row as every message names it (a refused save, the submission's checks): 第N条指标
        const row = fieldLabel(['indicators', i]);
        return (
          <Card
            key={i}
            size="small"
            title={
              <Space>
                <span>{row}</span>
                {r.sourceCode ? <Tag>上年编号{r.sourceCode}</Tag> : <Tag color="blue">新增</Tag>}
                {r.lastYearPoints !== null && <Tag>上年分值{pointsText(r.lastYearPoints)}分</Tag>}
                {over && <Tag color="orange">超过上年分值</Tag>}
              </Space>
            }
            extra={
              !disabled && (
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`删除${row}`}>
                  删除
                </Button>
              )
            }
          >
            <Form layout="vertical" component="div" disabled={disabled}>
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item label="考核领域" required {...help(problems, `${p}.domain`)}>
                    <Input value={r.domain} onChange={(e) => update(i, { domain: e.target.value })} placeholder="如：宏观质量" />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item label="考核内容" required {...help(problems, `${p}.item`)}>
                    <Input value={r.item} onChange={(e) => update(i, { item: e.target.value })} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="分值" required {...help(problems, `${p}.points`)}>
                    <InputNumber aria-label={fieldLabel(['indicators', i, 'points'])} step={0.5} value={r.points} onChange={(v) => update(i, { points: v ?? 0 })} addonAfter="分" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="考核要点" required {...help(problems, `${p}.keyPoint`)}>
                <Input.TextArea autoSize value={r.keyPoint} onChange={(e) => update(i, { keyPoint: e.target.value })} />
              </Form.Item>
              <Form.Item
                label={`要点考核内容（合计${total} / 分值${pointsText(r.points ?? 0)}分）`}
                required
                {...help(problems, `${p}.criteria`)}
              >
                <Space direction="vertical" style={{ width: '100%' }}>
                  {r.criteria.map((c, j) => (
                    <Space.Compact key={j} style={{ width: '100%' }}>
                      <Input
                        value={c.text}
                        placeholder="考核内容，如：质量强市（州）组织机构完善"
                        onChange={(e) => update(i, { criteria: r.criteria.map((x, k) => (k === j ? { ...x, text: e.target.value } : x)) })}
                        status={problems.has(`${p}.criteria.${j}.text`) || problems.has(`${p}.criteria.${j}.points`) ? 'error' : undefined}
                      />
                      <InputNumber
                        aria-label={fieldLabel(['indicators', i, 'criteria', j, 'points'])}
                        step={0.1}
                        value={c.points}
                        addonAfter="分"
                        style={{ width: 140 }}
                        onChange={(v) => update(i, { criteria: r.criteria.map((x, k) => (k === j ? { ...x, points: v ?? 0 } : x)) })}
                      />
                      {!disabled && (
                        <Button icon={<DeleteOutlined />} aria-label="删除该项" onClick={() => update(i, { criteria: r.criteria.filter((_, k) => k !== j) })} />
                      )}
                    </Space.Compact>
                  ))}
                  {!disabled && (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => update(i, { criteria: [...r.criteria, { text: '', points: 0 }] })}>
                      添加一项要点考核内容
                    </Button>
                  )}
                </Space>
              </Form.Item>
              <Form.Item label="指标依据" required {...help(problems, `${p}.basis`)}>
                <Input.TextArea autoSize value={r.basis} onChange={(e) => update(i, { basis: e.target.value })} placeholder="文件名称，如《质量强省建设纲要》" />
              </Form.Item>
              {over && (
                <Form.Item label="超过上年分值的理由" required {...help(problems, `${p}.overReason`)}>
                  <Input.TextArea
                    autoSize
                    value={r.overReason ?? ''}
                    onChange={(e) => update(i, { overReason: e.target.value })}
                    placeholder="通知要求分值原则上不超过上年，如确需提高请说明理由"
                  />
                </Form.Item>
              )}
            </Form>
          </Card>
        );
      })}
      {rows.length === 0 && <Typography.Text type="secondary">尚无指标。</Typography.Text>}
      {!disabled && (
        <Button type="dashed" block icon={<PlusOutlined />} onClick={() => onChange([...rows, emptyIndicator()])}>
          新增一条考核指标
        </Button>
      )}
    </Space>
  );
}
