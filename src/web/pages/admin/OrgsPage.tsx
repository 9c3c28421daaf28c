import { useMemo, useState, type Key } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrgUnit } from '../../../shared/contracts/orgs';
import { ORG_KIND_LABELS } from '../../../shared/roles';
import { useAccess } from '../../access';
import PageHeader from '../../components/PageHeader';
import { collectIds, filterOrgTree, orgMatches, type OrgNode } from '../../lib/orgTree';
import { useOrgs } from '../../lib/useOrgs';
import { CreateOrgModal, EditOrgModal } from './OrgModals';

const KIND_COLORS: Record<OrgUnit['kind'], string> = {
  province: 'red',
  city: 'blue',
  county: 'cyan',
  department: 'purple',
  office: 'gold',
};

function KindTag({ kind }: { kind: OrgUnit['kind'] }) {
  return <Tag color={KIND_COLORS[kind]}>{ORG_KIND_LABELS[kind]}</Tag>;
}

function toTreeData(nodes: readonly OrgNode[], term: string): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span>
        <span style={term && orgMatches(n, term) ? { color: '#cf1322', fontWeight: 600 } : undefined}>{n.name}</span>{' '}
        <KindTag kind={n.kind} />
      </span>
    ),
    children: toTreeData(n.children, term),
  }));
}

export default function OrgsPage() {
  const { can } = useAccess();
  const { message } = App.useApp();
  const orgs = useOrgs();
  const [term, setTerm] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const [dialog, setDialog] = useState<'create' | 'edit' | null>(null);
  const manage = can('org.manage');

  const filtered = useMemo(() => filterOrgTree(orgs.tree, term.trim()), [orgs.tree, term]);
  const treeData = useMemo(() => toTreeData(filtered, term.trim()), [filtered, term]);
  // Searching opens every branch that leads to a match; otherwise the top two levels start open.
  const expandedKeys = term.trim()
    ? collectIds(filtered)
    : (expanded ?? orgs.tree.map((n) => n.id));
  const selected = selectedId === null ? undefined : orgs.byId.get(selectedId);
  const parent = selected?.parentId ? orgs.byId.get(selected.parentId) : undefined;

  const afterSave = async (org: OrgUnit, text: string) => {
    setDialog(null);
    message.success(text);
    await orgs.reload();
    setSelectedId(org.id);
  };

  return (
    <>
      <PageHeader tags={<Tag>{orgs.items.length}个机构</Tag>} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="机构列表">
            <Input.Search
              placeholder="按名称、简称或代码搜索"
              allowClear
              onChange={(e) => setTerm(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {orgs.error && <Alert type="error" showIcon message={orgs.error} />}
            <Spin spinning={orgs.loading}>
              {treeData.length === 0 && !orgs.loading ? (
                <Empty description={term ? '没有匹配的机构' : '暂无机构'} />
              ) : (
                <Tree
                  blockNode
                  showLine
                  treeData={treeData}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={selectedId === null ? [] : [selectedId]}
                  onSelect={(keys) => setSelectedId(keys.length ? Number(keys[0]) : null)}
                  height={640}
                />
              )}
            </Spin>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title="机构信息"
            extra={
              manage &&
              selected && (
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>
                    新增下级机构
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                    修改
                  </Button>
                </Space>
              )
            }
          >
            {selected ? (
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label="机构名称">{selected.name}</Descriptions.Item>
                <Descriptions.Item label="简称">{selected.shortName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="机构代码">{selected.code}</Descriptions.Item>
                <Descriptions.Item label="机构类型">
                  <KindTag kind={selected.kind} />
                </Descriptions.Item>
                <Descriptions.Item label="上级机构">{parent?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="排序号">{selected.sortOrder}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty description="请在左侧选择一个机构" />
            )}
          </Card>
        </Col>
        {dialog === 'create' && selected && (
          <CreateOrgModal parent={selected} onClose={() => setDialog(null)} onCreated={(o) => afterSave(o, `已新增机构「${o.name}」`)} />
        )}
        {dialog === 'edit' && selected && (
          <EditOrgModal org={selected} onClose={() => setDialog(null)} onSaved={(o) => afterSave(o, `已保存「${o.name}」`)} />
        )}
      </Row>
    </>
  );
}
