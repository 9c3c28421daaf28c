import { useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { USER_STATUS_LABELS, type ApproveUserResult, type UserListItem, type UserSummary } from '../../../shared/contracts/users';
import { ADMIN_ROLES, ROLE_LABELS, SERVER_ONLY_ROLES, WATCHER_ROLES, type Role } from '../../../shared/roles';
import { useAccess } from '../../access';
import { errorMessage } from '../../api/client';
import { approveUser, listUsers, rejectUser, unlockUser, type UserListQuery } from '../../api/users';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import PageHeader from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { useOrgs } from '../../lib/useOrgs';
import { ApprovedPasswordModal, CreateUserModal, EditUserModal, ResetPasswordModal, RoleModal } from './UserModals';
import { ROLE_OPTIONS } from './userLabels';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'role' | 'reset'; user: UserSummary } | { kind: 'approved'; result: ApproveUserResult } | null;

const STATUS_OPTIONS: { value: NonNullable<UserListQuery['status']>; label: string }[] = [
  { value: 'active', label: USER_STATUS_LABELS.active },
  { value: 'pending', label: USER_STATUS_LABELS.pending },
  { value: 'disabled', label: USER_STATUS_LABELS.disabled },
  { value: 'locked', label: '已锁定' },
  { value: 'throttled', label: '登录受限（多地址失败过多）' },
];

const STATUS_COLORS: Record<UserSummary['status'], string | undefined> = { active: 'green', pending: 'orange', disabled: undefined };

export default function UsersPage() {
  const { can } = useAccess();
  const { message } = App.useApp();
  const orgs = useOrgs();
  // A to-do may link here with ?q=username (e.g. a locked account): start filtered to that user.
  const [params] = useSearchParams();
  const [query, setQuery] = useState<UserListQuery>({ page: 1, pageSize: 20, q: params.get('q') || undefined });
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('user.manage');
  const security = can('user.security');

  const { data, loading, error, reload: load } = useLoad(listUsers, query);

  const filter = (patch: Partial<UserListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const saved = (text: string) => {
    setDialog(null);
    message.success(text);
    void load();
  };

  const review = async (u: UserSummary, decision: 'approve' | 'reject') => {
    try {
      // approved: the one-time password the server generated is shown this once
      if (decision === 'approve') setDialog({ kind: 'approved', result: await approveUser(u.id, u.version) });
      else await rejectUser(u.id, u.version);
      message.success(decision === 'approve' ? `已通过账户${u.username}` : `已驳回账户${u.username}`);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const unlock = async (u: UserListItem) => {
    try {
      await unlockUser(u.id);
      message.success(`已解锁账户${u.username}`);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: TableColumnsType<UserListItem> = [
    // sized to fit a 1366-pixel screen with the menu open and a scroll bar, 最近登录 whole beside the fixed 操作 column
    // (1,030 px in all; the phone sits under the name; the browser test measures it)
    { title: '用户名', dataIndex: 'username', width: 120, fixed: 'left', render: (name: string) => <span style={{ wordBreak: 'break-all' }}>{name}</span> },
    {
      title: '姓名 / 联系电话',
      key: 'name',
      width: 140,
      render: (_, u) => (
        <>
          <div>{u.displayName}</div>
          {u.phone && <Typography.Text type="secondary">{u.phone}</Typography.Text>}
        </>
      ),
    },
    { title: '角色', dataIndex: 'role', width: 120, render: (r: Role) => ROLE_LABELS[r] },
    { title: '所属单位', dataIndex: 'orgUnitName', width: 160, ellipsis: true },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, u) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[u.status]}>{USER_STATUS_LABELS[u.status]}</Tag>
          {u.lockedUntil && (
            <Tooltip title={`锁定至${formatDateTime(u.lockedUntil)}`}>
              <Tag color="red">已锁定</Tag>
            </Tooltip>
          )}
          {u.oneTimePasswordUntil &&
            (u.oneTimePasswordExpired ? (
              <Tooltip title={`安全管理员重置密码或审核通过账户时生成的一次性密码已于${formatDateTime(u.oneTimePasswordUntil)}过期，本人尚未用它修改密码；须重新重置密码`}>
                <Tag color="red" data-testid="user-one-time-expired">
                  一次性密码已过期
                </Tag>
              </Tooltip>
            ) : (
              <Tooltip title="安全管理员重置密码或审核通过账户时生成的一次性密码，本人尚未用它登录并修改密码；逾期不能再用于登录，须重新重置密码">
                <Tag data-testid="user-one-time-until">一次性密码有效至{formatDateTime(u.oneTimePasswordUntil)}</Tag>
              </Tooltip>
            ))}
          {u.throttled && (
            <Tooltip title={`近期从多个网络地址登录失败${u.recentFailures}次：失败过的地址暂不能再试，未失败过的地址仍可登录；安全管理员可解锁（清除失败记录）`}>
              <Tag color="orange" data-testid="user-throttled">
                登录受限
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '最近登录', key: 'lastLogin', dataIndex: 'lastLoginAt', width: 150, render: (t: string | null) => <span style={{ whiteSpace: 'nowrap' }} data-testid="last-login">{formatDateTime(t)}</span> },
  ];
  if (manage || security) {
    columns.push({
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: security ? 210 : 80,
      render: (_, u) => (
        <Space size={0} wrap>
          {manage && WATCHER_ROLES.includes(u.role) && (
            <Tooltip title="三员分立：安全管理员、审计管理员的账户由服务器运维人员用 npx kaoping user update 修改">
              <Typography.Text type="secondary">不可编辑</Typography.Text>
            </Tooltip>
          )}
          {manage && !WATCHER_ROLES.includes(u.role) && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
              编辑
            </Button>
          )}
          {security && (u.lockedUntil || u.throttled) && (
            <Popconfirm title={`解锁账户${u.username}？`} okText="解锁" cancelText="取消" onConfirm={() => unlock(u)}>
              <Button type="link" size="small">
                解锁
              </Button>
            </Popconfirm>
          )}
          {security && u.status === 'pending' && !SERVER_ONLY_ROLES.includes(u.role) && (
            <Popconfirm
              title={`通过账户${u.username}？`}
              description={`角色：${ROLE_LABELS[u.role]}；单位：${u.orgUnitName}`}
              okText="通过"
              cancelText="取消"
              onConfirm={() => review(u, 'approve')}
            >
              <Button type="link" size="small">
                审核通过
              </Button>
            </Popconfirm>
          )}
          {security && u.status === 'pending' && !SERVER_ONLY_ROLES.includes(u.role) && (
            <Popconfirm title={`驳回账户${u.username}？驳回后账户停用。`} okText="驳回" cancelText="取消" onConfirm={() => review(u, 'reject')}>
              <Button type="link" size="small" danger>
                驳回
              </Button>
            </Popconfirm>
          )}
          {security && !ADMIN_ROLES.includes(u.role) && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>
              重置密码
            </Button>
          )}
          {security && !SERVER_ONLY_ROLES.includes(u.role) && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'role', user: u })}>
              分配角色与单位
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建用户
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search placeholder="姓名或用户名" allowClear defaultValue={query.q} onSearch={(q) => filter({ q: q.trim() || undefined })} style={{ width: 220 }} />
          <Select<Role>
            placeholder="全部角色"
            allowClear
            options={ROLE_OPTIONS}
            onChange={(role) => filter({ role })}
            style={{ width: 180 }}
          />
          <OrgTreeSelect tree={orgs.tree} placeholder="全部单位" onChange={(orgUnitId) => filter({ orgUnitId })} style={{ width: 280 }} />
          <Select<NonNullable<UserListQuery['status']>>
            placeholder="全部状态"
            allowClear
            options={STATUS_OPTIONS}
            onChange={(status) => filter({ status })}
            style={{ width: 220 }}
            data-testid="user-status-filter"
          />
        </Space>
        {(error || orgs.error) && <Alert type="error" showIcon message={error ?? orgs.error} style={{ marginBottom: 16 }} />}
        <Table<UserListItem>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          // the columns' own widths (not max-content): one unit of a long name (60 characters are allowed) widened
          // 所属单位 for every row and pushed 状态 and 最近登录 under the fixed 操作 column; it is cut with … and a title
          scroll={{ x: columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共${total}个用户`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
        {dialog?.kind === 'create' && (
          <CreateUserModal orgTree={orgs.tree} onClose={() => setDialog(null)} onSaved={(u) => saved(`已创建用户${u.username}，待安全管理员审核角色与单位`)} />
        )}
        {dialog?.kind === 'edit' && (
          <EditUserModal user={dialog.user} onClose={() => setDialog(null)} onSaved={(u) => saved(`已保存用户${u.username}`)} />
        )}
        {dialog?.kind === 'role' && (
          <RoleModal
            user={dialog.user}
            orgTree={orgs.tree}
            onClose={() => setDialog(null)}
            onSaved={(u) => saved(`已将${u.username}设为${ROLE_LABELS[u.role]}（${u.orgUnitName}）`)}
          />
        )}
        {dialog?.kind === 'approved' && <ApprovedPasswordModal result={dialog.result} onClose={() => setDialog(null)} />}
        {dialog?.kind === 'reset' && (
          <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} onSaved={(u) => saved(`已重置${u.username}的密码`)} />
        )}
      </Card>
    </>
  );
}
