/**
 * 激励政策: each policy with issuer, 文号, level, dates, status and its rules as data (ceiling, fixed sum, or 从其规定),
 * the notes on what the source leaves open, and a banner when a current policy is near its expiry or past it.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { PolicyView } from '../../../shared/contracts/honours';
import { formatYuan } from '../../../shared/incentives/calculator';
import { EXPIRES_ON_LABEL } from '../../../shared/incentives/in-force';
import { ACHIEVEMENTS, RECIPIENTS, ROLES, type PolicyRule } from '../../../shared/incentives/schema';
import { expiryText } from '../../../shared/workflow/honours';
import { errorMessage } from '../../api/client';
import { listPolicies, repealPolicy, supersedePolicy } from '../../api/honours';
import PageHeader from '../../components/PageHeader';
import PolicyFormModal from './PolicyFormModal';
import { supersedeChoices } from './policyForm';
import { PageLoading } from '../../components/PageLoading';
import { useLoad } from '../../lib/useLoad';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

const STATUS_COLOR: Record<string, string> = { current: 'green', repealed: 'default', superseded: 'orange' };

export const amountText = (r: PolicyRule): string =>
  r.amount.type === 'by-other-rules' ? r.amount.text : r.amount.type === 'ceiling' ? `最高${formatYuan(r.amount.yuan)}` : formatYuan(r.amount.yuan);

function Rules({ rules }: { rules: PolicyRule[] }) {
  return (
    <Table<PolicyRule>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rules}
      columns={[
        { title: '成果', key: 'a', width: 200, render: (_, r) => `${r.role ? ROLES[r.role] : ''}${ACHIEVEMENTS[r.achievement]}` },
        { title: '对象', key: 'to', width: 70, render: (_, r) => RECIPIENTS[r.recipient] },
        { title: '计算', key: 'basis', width: 80, render: (_, r) => (r.basis === 'per-item' ? '按项目' : '一次性') },
        { title: '金额', key: 'amount', width: 130, render: (_, r) => (r.amount.type === 'by-other-rules' ? <Tag color="purple">{amountText(r)}</Tag> : amountText(r)) },
        { title: '原文', dataIndex: 'text' },
      ]}
    />
  );
}

/** mark a current policy as superseded by another current one */
function SupersedeModal({ policy, others, onClose, onDone }: { policy: PolicyView; others: PolicyView[]; onClose(): void; onDone(): void }) {
  const [by, setBy] = useState<number | null>(null);
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (by === null) return setError('请选择替代它的新政策');
    setSaving(true);
    try {
      await supersedePolicy(policy.id, policy.version, by);
      message.success('已标记为被替代');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`“${policy.title}”被新政策替代`} okText="确认" cancelText="取消" onOk={save} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {others.length ? (
        <Select ref={caret.ref} style={{ width: '100%' }} placeholder="选择替代它的现行政策" aria-label="替代政策" value={by ?? undefined} onChange={setBy} options={others.map((p) => ({ value: p.id, label: `${p.title}（${p.docNo}）` }))} />
      ) : (
        <Typography.Text type="secondary">没有可作为替代的政策（须为本单位维护、施行日期不早于本政策的现行政策），请先登记新政策</Typography.Text>
      )}
    </Modal>
  );
}

export default function PoliciesPage() {
  const list = useLoad(listPolicies, undefined);
  const [superseding, setSuperseding] = useState<PolicyView | null>(null);
  const [editing, setEditing] = useState<PolicyView | 'new' | null>(null);
  if (list.error && !list.data) return <Alert type="error" showIcon message={list.error} />;
  if (!list.data) return <PageLoading />;
  const { items, abilities } = list.data;
  const warnings = items.filter((p) => p.expiry.state === 'near' || p.expiry.state === 'expired');
  const repeal = async (p: PolicyView) => {
    try {
      await repealPolicy(p.id, p.version);
      message.success('已废止');
      await list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <PageHeader
        extra={
          abilities.manage ? (
            <Button type="primary" onClick={() => setEditing('new')}>
              登记激励政策
            </Button>
          ) : undefined
        }
      />
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="policy-expiry-banner"
          message={`${warnings.length}项现行政策临近失效或已过期`}
          description={warnings.map((p) => (
            <div key={p.id}>
              {p.title}（{p.docNo}）：{expiryText(p.expiresOn, p.expiry, { expired: '仍为现行，请确认废止或登记替代政策', near: '' })}
            </div>
          ))}
        />
      )}
      {items.length === 0 && (
        <Card>
          <Empty description="尚未登记激励政策" />
        </Card>
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((p) => (
          <Card
            key={p.id}
            title={
              <Space wrap>
                <span>{p.title}</span>
                <Tag color={STATUS_COLOR[p.status]}>{p.statusLabel}</Tag>
                {p.demo && <Tag>演示数据</Tag>}
              </Space>
            }
            extra={
              // abilities.edit: the keeper, while the policy is current (a repealed or superseded one is closed, policyEditRefusal)
              p.abilities.edit ? (
                <Space>
                  <Button size="small" onClick={() => setEditing(p)}>
                    编辑
                  </Button>
                  <Button size="small" onClick={() => setSuperseding(p)}>
                    被新政策替代
                  </Button>
                  <Popconfirm title={`废止“${p.title}”？废止后不再用于奖励测算`} okText="废止" cancelText="取消" onConfirm={() => repeal(p)}>
                    <Button danger size="small">
                      废止
                    </Button>
                  </Popconfirm>
                </Space>
              ) : p.editRefusal ? (
                // the server's words (policyEditRefusal), the keeper's only
                <Typography.Text type="secondary" data-testid="policy-edit-refusal">
                  {p.editRefusal}
                </Typography.Text>
              ) : null
            }
          >
            <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="发布机关">{p.issuer}</Descriptions.Item>
              <Descriptions.Item label="文号">{p.docNo}</Descriptions.Item>
              <Descriptions.Item label="级别">
                {p.levelLabel}（{p.region.name}）
              </Descriptions.Item>
              <Descriptions.Item label="成文日期">{p.issuedOn}</Descriptions.Item>
              <Descriptions.Item label="施行日期">{p.effectiveFrom}</Descriptions.Item>
              <Descriptions.Item label={EXPIRES_ON_LABEL}>{p.expiresOn ?? '未规定'}</Descriptions.Item>
              {p.supersededBy && <Descriptions.Item label="被替代为">{p.supersededBy.title}</Descriptions.Item>}
              {p.source && <Descriptions.Item label="来源">{p.source}</Descriptions.Item>}
            </Descriptions>
            <Rules rules={p.rules} />
            {p.notes.length > 0 && (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">编码说明（原文未明确之处）：</Typography.Text>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {p.notes.map((n, i) => (
                    <li key={i}>
                      <Typography.Text type="secondary">{n}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Card>
        ))}
      </Space>
      {editing && (
        <PolicyFormModal
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void list.reload();
          }}
        />
      )}
      {superseding && (
        <SupersedeModal
          policy={superseding}
          others={supersedeChoices(superseding, items)}
          onClose={() => setSuperseding(null)}
          onDone={() => {
            setSuperseding(null);
            void list.reload();
          }}
        />
      )}
    </>
  );
}
